import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { AgentContextSourceInfo } from '@catalyst/plugin-platform-common';
import { CheckoutPathError, GuardedCheckout } from '@catalyst/checkout-guard';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseGithubRepository } from '../github/parseGithubRepository';
import type { PullRequestFileChange } from '../github/types';
import {
  resolveAllowedLocalSource,
  resolveSpecSource,
} from '../specs/resolveSpecSource';
import { runCommand } from './runCommand';
import { remoteHead, shallowClone } from './shallowClone';
import type { Checkout, CheckoutService, WritableCheckout } from './types';

/** The folder under the working directory that holds every instance's checkouts. */
export const CHECKOUTS_FOLDER = 'catalyst-checkouts';

/**
 * The checkout service: every checkout lives in a folder of this instance
 * (`<workingDirectory>/catalyst-checkouts/<pid>-<random>/`), so that the
 * leftovers of a crashed backend can be told apart from the live checkouts
 * of another one sharing the working directory.
 *
 * @public
 */
export class DefaultCheckoutService implements CheckoutService {
  /** This instance's folder; empty again once every checkout is closed. */
  readonly directory: string;
  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly options: {
      /** Reads component sources that are not cloned; required for `openComponent` of such sources. */
      urlReader?: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      /** Default: the integrations' tokens or GitHub Apps. */
      credentialsProvider?: GithubCredentialsProvider;
      workingDirectory: string;
      /** Where `file:` locations named by annotations may be read (see {@link readLocalSpecRoots}). */
      localRoots?: readonly string[];
    },
  ) {
    this.credentials =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
    this.directory = join(
      options.workingDirectory,
      CHECKOUTS_FOLDER,
      `${process.pid}-${randomBytes(4).toString('hex')}`,
    );
  }

  /**
   * Removes the folders of instances whose process is gone: checkouts a
   * crash or a kill left behind. Returns the removed folder names.
   */
  async removeLeftovers(): Promise<string[]> {
    const root = join(this.options.workingDirectory, CHECKOUTS_FOLDER);
    const entries = await fs.readdir(root).catch(() => [] as string[]);
    const removed: string[] = [];
    for (const name of entries) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
      await fs.rm(join(root, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /** Removes this instance's folder with whatever is still checked out. */
  async dispose(): Promise<void> {
    await fs.rm(this.directory, { recursive: true, force: true });
  }

  async clone(options: {
    repositoryUrl: string;
    ref?: string;
    depth?: number | 'full';
  }): Promise<WritableCheckout> {
    const url = options.repositoryUrl.replace(/\/$/, '');
    const dir = await this.makeFolder('repo-');
    try {
      await this.cloneInto(dir, url, options.ref, options.depth ?? 1);
    } catch (error) {
      await removeFolder(dir);
      throw error;
    }
    const checkout = openFolder(dir, { type: 'clone', location: url }, () =>
      removeFolder(dir),
    );
    return {
      ...checkout,
      exclude: pattern =>
        fs.appendFile(join(dir, '.git', 'info', 'exclude'), `\n${pattern}\n`),
      changes: () => workingTreeChanges(checkout),
    };
  }

  async openComponent(
    entity: Entity,
    options?: { depth?: number | 'full'; history?: boolean },
  ): Promise<Checkout> {
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
      const repoDir = await resolveAllowedLocalSource(
        entity,
        source,
        this.options.localRoots ?? [],
      );
      return openFolder(
        repoDir,
        { type: 'directory', location: source.repoDir },
        async () => {},
      );
    }
    const dir = await this.makeFolder('component-');
    const close = () => removeFolder(dir);
    try {
      const github =
        options?.history ?? true
          ? this.options.integrations.github.byUrl(source.repoUrl)
          : undefined;
      if (github) {
        const repository = parseGithubRepository(source.repoUrl);
        await this.cloneInto(
          dir,
          repository.url,
          repository.ref,
          options?.depth ?? 50,
        );
        return openFolder(
          dir,
          { type: 'clone', location: source.repoUrl },
          close,
        );
      }
      if (!this.options.urlReader) {
        throw new Error(
          `No UrlReader to read ${source.repoUrl}: the checkout service was made without one`,
        );
      }
      const tree = await this.options.urlReader.readTree(source.repoUrl);
      await tree.dir({ targetDir: dir });
      return openFolder(dir, { type: 'tree', location: source.repoUrl }, close);
    } catch (error) {
      await close();
      throw error;
    }
  }

  /** The head of the component's branch on GitHub by `git ls-remote`; see {@link CheckoutService.componentRevision}. */
  async componentRevision(entity: Entity): Promise<string | undefined> {
    const source = resolveSpecSource(entity);
    if (source?.type !== 'url') return undefined;
    if (!this.options.integrations.github.byUrl(source.repoUrl)) {
      return undefined;
    }
    const repository = parseGithubRepository(source.repoUrl);
    const { token } = await this.credentials.getCredentials({
      url: repository.url,
    });
    return remoteHead({
      url: `${repository.url}.git`,
      ref: repository.ref,
      token,
    });
  }

  private async makeFolder(prefix: string): Promise<string> {
    await fs.mkdir(this.directory, { recursive: true });
    return fs.mkdtemp(join(this.directory, prefix));
  }

  private async cloneInto(
    dir: string,
    url: string,
    ref: string | undefined,
    depth: number | 'full',
  ): Promise<void> {
    const { token } = await this.credentials.getCredentials({
      url,
    });
    await shallowClone({
      url: `${url}.git`,
      targetDir: dir,
      depth,
      ref,
      token,
    });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A repository's files are its author's: a symlink out of the checkout, a
// binary or an oversized file is refused with the reason, never read.
function readGuarded<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CheckoutPathError) {
      throw new InputError(
        `${path} of the checkout was not read: ${error.message}`,
      );
    }
    throw error;
  }
}

function removeFolder(dir: string): Promise<void> {
  return fs.rm(dir, { recursive: true, force: true });
}

function openFolder(
  dir: string,
  source: AgentContextSourceInfo,
  close: () => Promise<void>,
): Checkout {
  return {
    dir,
    source,
    async readFile(path) {
      const guarded = GuardedCheckout.open(dir);
      return readGuarded(path, () => guarded.readTextIfExists(path));
    },
    run: (command, args, options) =>
      runCommand(command, args, {
        ...options,
        cwd: options?.cwd ? resolve(dir, options.cwd) : dir,
      }),
    close,
  };
}

async function workingTreeChanges(checkout: Checkout): Promise<{
  files: Record<string, PullRequestFileChange>;
  diff: string;
}> {
  const git = (args: string[]) => checkout.run('git', args);
  await git(['add', '--all']);
  const status = await git([
    'diff',
    '--cached',
    '--name-status',
    '--no-renames',
    '-z',
  ]);
  const parts = status.stdout.split('\0').filter(Boolean);
  const files: Record<string, PullRequestFileChange> = {};
  // A repository tool may have written a symlink to a host file: never publish its target.
  const guarded = GuardedCheckout.open(checkout.dir);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [kind, path] = [parts[i], parts[i + 1]];
    if (kind === 'D') {
      files[path] = { delete: true };
      continue;
    }
    const file = join(checkout.dir, path);
    files[path] = {
      content: readGuarded(path, () => guarded.readText(path)),
      // Keeps a written hook or script runnable in the pull request.
      executable: ((await fs.stat(file)).mode & 0o111) !== 0,
    };
  }
  const diff = (await git(['diff', '--cached', '--no-renames'])).stdout;
  return { files, diff };
}
