import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import {
  PreparerBase,
  PreparerOptions,
  PreparerResponse,
} from '@backstage/plugin-techdocs-node';
import { isSpecEntity } from '@catalyst/plugin-platform-common';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashLocalDocs, snapshotLocalDocs } from './localDocs';
import { hashSpecFolder } from './specFiles';
import { writeSpecSite } from './specSite';

// Sites of Spec entities and local docs are built from temporary folders that
// the TechDocs builder does not clean for `dir` references; old ones are
// removed here.
const SITE_MAX_AGE_MS = 30 * 60 * 1000;

/**
 * Wraps one of TechDocs' own preparers. Other entities go straight through;
 * for a `Spec` the prepared folder is the spec folder, which is turned into an
 * MkDocs project in a temporary directory, so specs render without an
 * mkdocs.yml or docs/ folder in the repository.
 *
 * A spec site's etag is the content hash of its folder: TechDocs rebuilds it
 * when the documents change and never otherwise (a `dir` reference gets no
 * etag from TechDocs, so without this every check would rebuild it). Local
 * `dir:` docs of other entities get the content hash of their MkDocs project.
 */
export class SpecAwarePreparer implements PreparerBase {
  private readonly sites = new Map<string, number>();
  // Per entity: the content hash last returned and the inner preparer's etag
  // it was read with, so an unchanged remote tree is not downloaded again.
  private readonly innerEtags = new Map<
    string,
    { etag: string; innerEtag: string }
  >();

  constructor(
    private readonly inner: PreparerBase,
    private readonly logger: LoggerService,
  ) {}

  async prepare(
    entity: Entity,
    options?: PreparerOptions,
  ): Promise<PreparerResponse> {
    if (!isSpecEntity(entity)) {
      return this.prepareOther(entity, options);
    }
    const ref = stringifyEntityRef(entity);
    const known = this.innerEtags.get(ref);
    const prepared = await this.inner.prepare(entity, {
      ...options,
      etag: known && options?.etag === known.etag ? known.innerEtag : undefined,
    });
    try {
      const etag = await hashSpecFolder(prepared.preparedDir);
      if (prepared.etag) {
        this.innerEtags.set(ref, { etag, innerEtag: prepared.etag });
      }
      if (etag === options?.etag) {
        throw new NotModifiedError(`The documents of ${ref} are unchanged`);
      }
      const siteDir = await this.newSiteDir();
      await writeSpecSite({
        specDir: prepared.preparedDir,
        siteDir,
        title: entity.metadata.title ?? entity.metadata.name,
      });
      this.logger.debug(`Prepared spec site of ${ref} in ${siteDir}`);
      return { preparedDir: siteDir, etag };
    } finally {
      if (this.inner.shouldCleanPreparedDirectory()) {
        await fs.rm(prepared.preparedDir, { recursive: true, force: true });
      }
    }
  }

  // Local `dir:` docs get no etag from TechDocs either, so each check would
  // rebuild them and tell readers a newer version is available. Their etag
  // becomes the content hash of their MkDocs project, and TechDocs builds a
  // copy of that project rather than the whole folder (a repository root
  // with its tool folders, whose symlinks TechDocs refuses).
  private async prepareOther(
    entity: Entity,
    options?: PreparerOptions,
  ): Promise<PreparerResponse> {
    const prepared = await this.inner.prepare(entity, options);
    if (prepared.etag || this.inner.shouldCleanPreparedDirectory()) {
      return prepared;
    }
    const etag = await hashLocalDocs(prepared.preparedDir);
    if (etag === undefined) {
      return prepared;
    }
    if (etag === options?.etag) {
      throw new NotModifiedError(
        `The docs of ${stringifyEntityRef(entity)} are unchanged`,
      );
    }
    const siteDir = await this.newSiteDir();
    await snapshotLocalDocs(prepared.preparedDir, siteDir);
    return { preparedDir: siteDir, etag };
  }

  private async newSiteDir(): Promise<string> {
    await this.removeOldSites();
    const siteDir = await fs.mkdtemp(join(tmpdir(), 'catalyst-docs-site-'));
    this.sites.set(siteDir, Date.now());
    return siteDir;
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
