import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { budgetedFetch } from '../github/budgetedFetch';
import { GithubBudget } from '../github/GithubBudget';
import { parseGithubRepository } from '../github/parseGithubRepository';
import { readGithubArchive } from '../github/readGithubArchive';
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

interface SpecEtag {
  /** The tree read's etag (the commit). */
  tree?: string;
  /** GitHub's ETag of the branch, for the conditional check. */
  branch?: string;
  specsPath?: string;
}

function parseSpecEtag(etag: string | undefined): SpecEtag {
  if (!etag?.startsWith('{')) return { tree: etag };
  try {
    const parsed = JSON.parse(etag) as SpecEtag;
    return typeof parsed === 'object' && parsed ? parsed : {};
  } catch {
    // An etag of another version: read again.
    return {};
  }
}

function formatSpecEtag(etag: SpecEtag): string | undefined {
  return etag.tree || etag.branch ? JSON.stringify(etag) : undefined;
}

// The last reads by commit, shared by the readers of this process (the
// catalog module and the spec index read the same repositories).
const readsByCommit = new Map<
  string,
  Omit<SpecReadResult, 'etag'> & { etag?: string; specsPath: string }
>();
const READS_KEPT = 256;

function remember(
  key: string,
  read: Omit<SpecReadResult, 'etag'> & { etag?: string; specsPath: string },
) {
  readsByCommit.delete(key);
  readsByCommit.set(key, read);
  if (readsByCommit.size > READS_KEPT) {
    readsByCommit.delete(readsByCommit.keys().next().value!);
  }
}

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

/** A GitHub branch's commit, and what reading the repository's archive at it takes. */
interface GithubBranch {
  sha: string;
  etag?: string;
  archive: { apiBaseUrl: string; owner: string; repo: string; token: string };
}

/**
 * Reads the Spec Kit folders of a component's repository: straight from disk
 * for file locations, through the UrlReader for URL locations: one tree read
 * of the repository (catalyst.yaml, AGENTS.md and the specs folder from one
 * archive, no per-file reads). On GitHub a conditional request for the
 * branch comes first, so an unchanged repository costs a 304, which GitHub
 * does not count; and a commit that another reader in this process (the
 * catalog module, the spec index) read already is not read again.
 *
 * @public
 */
export class SpecSourceReader {
  private readonly lastFileIndex = new Map<string, SpecIndex>();

  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly options: {
      /** Where `file:` locations named by annotations may be read (see {@link readLocalSpecRoots}). */
      localRoots?: readonly string[];
      /** Records and paces the conditional branch reads on GitHub. */
      budget?: GithubBudget;
      /** What the reads are for in the budget. Default `specs`. */
      feature?: string;
      credentialsProvider?: GithubCredentialsProvider;
    } = {},
  ) {
    this.credentials =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

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
    const previous = parseSpecEtag(etag);
    const branch = await this.checkGithubBranch(source.repoUrl, previous);
    const cacheKey = branch && `${source.repoUrl}@${branch.sha}`;
    const cached = cacheKey ? readsByCommit.get(cacheKey) : undefined;
    const read =
      cached ??
      (await this.readRepositoryTree(
        source,
        previous,
        // Off GitHub the tree read itself tells whether anything changed.
        branch ? undefined : previous.tree,
        branch,
      ));
    if (cacheKey) remember(cacheKey, read);
    return {
      ...read,
      etag: formatSpecEtag({
        tree: read.etag,
        branch: branch?.etag,
        specsPath: read.specsPath,
      }),
    };
  }

  /**
   * The branch's commit, by a conditional request: throws NotModifiedError
   * when it is the one of `previous`. Undefined off GitHub or without
   * credentials (the tree read then tells).
   */
  private async checkGithubBranch(
    repoUrl: string,
    previous: SpecEtag,
  ): Promise<GithubBranch | undefined> {
    const integration = this.integrations.github.byUrl(repoUrl);
    if (!integration?.config.apiBaseUrl) return undefined;
    const repository = parseGithubRepository(repoUrl);
    const { token } = await this.credentials.getCredentials({ url: repoUrl });
    if (!token || !repository.ref) return undefined;
    const url = `${integration.config.apiBaseUrl}/repos/${repository.owner}/${
      repository.repo
    }/git/ref/heads/${encodeURIComponent(repository.ref)}`;
    const headers: Record<string, string> = {
      authorization: `token ${token}`,
      accept: 'application/vnd.github+json',
      ...(previous.branch && { 'if-none-match': previous.branch }),
    };
    const response = await budgetedFetch(
      this.options.budget,
      this.options.feature ?? 'specs',
      url,
      { headers },
    );
    if (response.status === 304) throw new NotModifiedError();
    // A branch that is not there (a tag, a sha): the tree read tells.
    if (!response.ok) return undefined;
    const body = (await response.json()) as { object?: { sha?: string } };
    if (!body.object?.sha) return undefined;
    return {
      sha: body.object.sha,
      etag: response.headers.get('etag') ?? undefined,
      archive: {
        apiBaseUrl: integration.config.apiBaseUrl,
        owner: repository.owner,
        repo: repository.repo,
        token,
      },
    };
  }

  /** catalyst.yaml, AGENTS.md and the specs folder, from one tree read of the repository. */
  private async readRepositoryTree(
    source: { type: 'url'; repoUrl: string },
    previous: SpecEtag,
    treeEtag: string | undefined,
    branch?: GithubBranch,
  ): Promise<
    Omit<SpecReadResult, 'etag'> & { etag?: string; specsPath: string }
  > {
    const readTree = async (
      specsPath: string,
    ): Promise<
      | {
          etag?: string;
          files(): Promise<{ path: string; content(): Promise<Buffer> }[]>;
        }
      | undefined
    > => {
      const prefix = `${specsPath.replace(/^\/+|\/+$/g, '')}/`;
      const filter = (path: string) =>
        path === 'catalyst.yaml' ||
        path === 'AGENTS.md' ||
        path.startsWith(prefix);
      try {
        if (branch) {
          // The commit is known: one archive request at it, where the URL
          // reader would first resolve the branch again.
          const files = await readGithubArchive({
            ...branch.archive,
            sha: branch.sha,
            filter,
            budget: this.options.budget,
            feature: this.options.feature ?? 'specs',
          });
          return {
            etag: branch.sha,
            files: async () =>
              files.map(file => ({
                path: file.path,
                content: async () => file.content,
              })),
          };
        }
        return await this.urlReader.readTree(source.repoUrl, {
          etag: treeEtag,
          filter,
        });
      } catch (error) {
        if ((error as Error).name === NotFoundError.name) return undefined;
        throw error;
      }
    };
    const guess = previous.specsPath ?? 'specs';
    let tree = await readTree(guess);
    if (!tree) {
      return {
        source,
        index: { specs: [], diagnostics: [] },
        activeSlugs: [],
        specsPath: guess,
      };
    }
    let files = await tree.files();
    const text = async (path: string) => {
      const file = files.find(f => f.path === path);
      return file ? (await file.content()).toString('utf8') : undefined;
    };
    const specsPath = readSpecsConfig(
      (await text('catalyst.yaml')) ?? '',
      'catalyst.yaml',
    ).path;
    if (specsPath !== guess) {
      // catalyst.yaml moved the specs: read again with the right folder.
      tree = (await readTree(specsPath)) ?? tree;
      files = await tree.files();
    }
    const prefix = `${specsPath.replace(/^\/+|\/+$/g, '')}/`;
    const contents = await Promise.all(
      files
        .filter(file => file.path.startsWith(prefix))
        .map(async file => ({
          path: file.path,
          content: await file.content(),
        })),
    );
    const agents = await text('AGENTS.md');
    return {
      source,
      index: indexSpecFiles(contents, { specsPath }),
      activeSlugs: agents ? parseActiveSpecs(agents) : [],
      etag: tree.etag,
      specsPath,
    };
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
