import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  SpecIndex,
  indexSpecFiles,
  readSpecs,
  readSpecsConfig,
} from '@catalyst/spec-kit';
import { parseActiveSpecs } from './activeSpecs';
import { promises as fs } from 'node:fs';
import { join as joinPath, posix } from 'node:path';
import { isInsideFolder } from './isInsideFolder';
import {
  SpecSource,
  resolveAllowedLocalSource,
  resolveSpecSource,
} from './resolveSpecSource';

/**
 * The specs of one repository as read from its source.
 *
 * @public
 */
export interface SpecReadResult {
  source: SpecSource;
  index: SpecIndex;
  /** Slugs that the repository's root AGENTS.md lists (FR-SPEC-006). */
  activeSlugs: string[];
  /** Opaque token of what was read; pass it back to skip unchanged trees. */
  etag?: string;
}

/**
 * Reads the Spec Kit folders of a component's repository: straight from disk
 * for file locations, through the UrlReader (a tree read with etag, so an
 * unchanged repository costs one request) for URL locations.
 *
 * @public
 */
export class SpecSourceReader {
  private readonly lastFileIndex = new Map<string, SpecIndex>();

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly options: {
      /** Where `file:` locations named by annotations may be read (see {@link readLocalSpecRoots}). */
      localRoots?: readonly string[];
    } = {},
  ) {}

  /**
   * Reads the entity's specs. Returns `undefined` when the entity has no
   * source; throws NotModifiedError when `etag` still matches.
   */
  async read(
    entity: Entity,
    options?: { etag?: string },
  ): Promise<SpecReadResult | undefined> {
    const source = resolveSpecSource(entity);
    if (!source) {
      return undefined;
    }
    if (source.type === 'file') {
      const repoDir = await resolveAllowedLocalSource(
        entity,
        source,
        this.options.localRoots ?? [],
      );
      // Folders whose content hash is unchanged since the last read are reused
      // unparsed: the catalog and the scheduled index both read every few minutes.
      const index = readSpecs(repoDir, {
        previous: this.lastFileIndex.get(repoDir),
      });
      this.lastFileIndex.set(repoDir, index);
      const agents = await readOptionalFile(joinPath(repoDir, 'AGENTS.md'));
      return {
        source,
        index,
        activeSlugs: agents ? parseActiveSpecs(agents) : [],
      };
    }
    return this.readUrl(source, options?.etag);
  }

  /**
   * Reads one file of the entity's repository, by its path from the
   * repository root. Paths that leave the repository are refused; with
   * `within` (a folder from the root), a local file whose real path, links
   * followed, leaves that folder is refused too.
   */
  async readFile(
    entity: Entity,
    repoPath: string,
    options?: { within?: string },
  ): Promise<Buffer> {
    const normalized = posix.normalize(repoPath);
    const within = posix.normalize(options?.within ?? '.');
    for (const path of [normalized, within]) {
      if (path.startsWith('..') || posix.isAbsolute(path)) {
        throw new InputError(`Path '${path}' leaves the repository`);
      }
    }
    const source = resolveSpecSource(entity);
    if (!source) {
      throw new NotFoundError(
        `${entity.metadata.name} has no source location to read files from`,
      );
    }
    if (source.type === 'file') {
      const repoDir = await resolveAllowedLocalSource(
        entity,
        source,
        this.options.localRoots ?? [],
      );
      const path = joinPath(repoDir, normalized);
      try {
        const folder = await fs.realpath(joinPath(repoDir, within));
        const real = await fs.realpath(path);
        if (!isInsideFolder(folder, real)) {
          throw new NotAllowedError(
            `${repoPath} links to a file outside ${
              options?.within ?? 'the repository'
            }`,
          );
        }
        return await fs.readFile(real);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new NotFoundError(`${repoPath} does not exist`);
        }
        throw error;
      }
    }
    const url = this.integrations.resolveUrl({
      url: normalized,
      base: source.repoUrl,
    });
    return (await this.urlReader.readUrl(url)).buffer();
  }

  private async readUrl(
    source: { type: 'url'; repoUrl: string },
    etag?: string,
  ): Promise<SpecReadResult> {
    const at = (path: string) =>
      this.integrations.resolveUrl({ url: path, base: source.repoUrl });

    const catalystYaml = await this.readOptionalUrl(at('catalyst.yaml'));
    const specsPath = readSpecsConfig(catalystYaml ?? '', 'catalyst.yaml').path;

    let tree;
    try {
      tree = await this.urlReader.readTree(at(specsPath), { etag });
    } catch (error) {
      if ((error as Error).name === NotFoundError.name) {
        // A repository without a specs folder has no specs; that is not an error.
        return {
          source,
          index: { specs: [], diagnostics: [] },
          activeSlugs: [],
        };
      }
      throw error;
    }
    const files = await tree.files();
    const contents = await Promise.all(
      files.map(async file => ({
        path: `${specsPath}/${file.path}`,
        content: await file.content(),
      })),
    );
    const agents = await this.readOptionalUrl(at('AGENTS.md'));
    return {
      source,
      index: indexSpecFiles(contents, { specsPath }),
      activeSlugs: agents ? parseActiveSpecs(agents) : [],
      etag: tree.etag,
    };
  }

  private async readOptionalUrl(url: string): Promise<string | undefined> {
    try {
      const response = await this.urlReader.readUrl(url);
      return (await response.buffer()).toString('utf8');
    } catch (error) {
      if ((error as Error).name === NotFoundError.name) {
        return undefined;
      }
      throw error;
    }
  }
}

async function readOptionalFile(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
