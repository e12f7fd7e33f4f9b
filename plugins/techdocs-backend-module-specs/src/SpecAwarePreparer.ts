import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  PreparerBase,
  PreparerOptions,
  PreparerResponse,
} from '@backstage/plugin-techdocs-node';
import { isSpecEntity } from '@catalyst/plugin-platform-common';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSpecSite } from './specSite';

// Sites of Spec entities are built in temporary folders that the TechDocs
// builder does not clean for `dir` references; old ones are removed here.
const SITE_MAX_AGE_MS = 30 * 60 * 1000;

/**
 * Wraps one of TechDocs' own preparers. Other entities go straight through;
 * for a `Spec` the prepared folder is the spec folder, which is turned into an
 * MkDocs project in a temporary directory, so specs render without an
 * mkdocs.yml or docs/ folder in the repository.
 */
export class SpecAwarePreparer implements PreparerBase {
  private readonly sites = new Map<string, number>();

  constructor(
    private readonly inner: PreparerBase,
    private readonly logger: LoggerService,
  ) {}

  async prepare(
    entity: Entity,
    options?: PreparerOptions,
  ): Promise<PreparerResponse> {
    const prepared = await this.inner.prepare(entity, options);
    if (!isSpecEntity(entity)) {
      return prepared;
    }
    await this.removeOldSites();
    const siteDir = await fs.mkdtemp(join(tmpdir(), 'catalyst-spec-site-'));
    this.sites.set(siteDir, Date.now());
    await writeSpecSite({
      specDir: prepared.preparedDir,
      siteDir,
      title: entity.metadata.title ?? entity.metadata.name,
    });
    if (this.inner.shouldCleanPreparedDirectory()) {
      await fs.rm(prepared.preparedDir, { recursive: true, force: true });
    }
    this.logger.debug(
      `Prepared spec site of ${entity.metadata.name} in ${siteDir}`,
    );
    return { preparedDir: siteDir, etag: prepared.etag };
  }

  shouldCleanPreparedDirectory(): boolean {
    return this.inner.shouldCleanPreparedDirectory();
  }

  private async removeOldSites() {
    const now = Date.now();
    for (const [dir, created] of this.sites) {
      if (now - created > SITE_MAX_AGE_MS) {
        await fs.rm(dir, { recursive: true, force: true });
        this.sites.delete(dir);
      }
    }
  }
}
