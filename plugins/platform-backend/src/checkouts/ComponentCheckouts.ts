import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { AgentContextSourceInfo } from '@catalyst/plugin-platform-common';
import {
  parseGithubRepository,
  resolveSpecSource,
} from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { shallowClone } from './shallowClone';

/** A readable copy of a component's repository, removed again by `close`. */
export interface ComponentCheckout {
  dir: string;
  source: AgentContextSourceInfo;
  close(): Promise<void>;
}

/**
 * Gets a component's repository onto disk for the analyzer:
 *
 * - `file:` locations are analysed in place;
 * - `url:` locations on a GitHub integration are cloned shallowly (`--depth`,
 *   default 50) with the integration's credentials, so the commit history
 *   (commit conventions, branch names) is read too;
 * - other URLs, or any URL with `history` off, are read as a tree through the
 *   UrlReader: files only, no history.
 *
 * The repository comes from `catalyst.dev/specs-location`, the catalog file
 * of a `file:` location, or `backstage.io/source-location`, as for specs.
 */
export class ComponentCheckouts {
  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      workingDirectory: string;
      cloneDepth: number;
      history: boolean;
      /** Prefix of the temporary clone folders. */
      folderPrefix?: string;
      credentialsProvider?: GithubCredentialsProvider;
    },
  ) {
    this.credentials =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  }

  async open(entity: Entity): Promise<ComponentCheckout> {
    const source = resolveSpecSource(entity);
    if (!source) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} has no source location (backstage.io/source-location) to read its repository from`,
      );
    }
    if (source.type === 'file') {
      const stat = await fs.stat(source.repoDir).catch(() => undefined);
      if (!stat?.isDirectory()) {
        throw new NotFoundError(
          `The repository folder ${source.repoDir} of ${stringifyEntityRef(
            entity,
          )} does not exist`,
        );
      }
      return {
        dir: source.repoDir,
        source: { type: 'directory', location: source.repoDir },
        close: async () => {},
      };
    }
    const dir = await fs.mkdtemp(
      join(
        this.options.workingDirectory,
        this.options.folderPrefix ?? 'catalyst-agent-context-',
      ),
    );
    const close = () => fs.rm(dir, { recursive: true, force: true });
    try {
      const github = this.options.history
        ? this.options.integrations.github.byUrl(source.repoUrl)
        : undefined;
      if (github) {
        const repository = parseGithubRepository(source.repoUrl);
        const { token } = await this.credentials.getCredentials({
          url: repository.url,
        });
        await shallowClone({
          url: `${repository.url}.git`,
          targetDir: dir,
          depth: this.options.cloneDepth,
          ref: repository.ref,
          token,
        });
        return {
          dir,
          source: { type: 'clone', location: source.repoUrl },
          close,
        };
      }
      const tree = await this.options.urlReader.readTree(source.repoUrl);
      await tree.dir({ targetDir: dir });
      return {
        dir,
        source: { type: 'tree', location: source.repoUrl },
        close,
      };
    } catch (error) {
      await close();
      throw error;
    }
  }
}
