import type { Entity } from '@backstage/catalog-model';
import type { AgentContextSourceInfo } from '@catalyst/plugin-platform-common';
import type { PullRequestFileChange } from '../github/types';
import type { CommandResult, RunCommandOptions } from './runCommand';

/**
 * A copy of a repository on disk, removed again by `close`. Read files and
 * run the repository's tools through it rather than through `dir`, so that
 * guarded reads and isolated runs apply once the service adds them.
 *
 * @public
 */
export interface Checkout {
  /** The checkout's root folder. */
  readonly dir: string;
  /** Where the files came from: a clone, a UrlReader tree or a local folder. */
  readonly source: AgentContextSourceInfo;
  /** A file's text by path from the root; undefined when there is no such file. */
  readFile(path: string): Promise<string | undefined>;
  /** Runs a program without a shell in the checkout (or a folder of it). */
  run(
    command: string,
    args: string[],
    options?: Omit<RunCommandOptions, 'cwd'> & { cwd?: string },
  ): Promise<CommandResult>;
  /** Removes the copy; a local folder read in place is left alone. */
  close(): Promise<void>;
}

/**
 * A clone whose working tree a task changes: what changed becomes a pull
 * request.
 *
 * @public
 */
export interface WritableCheckout extends Checkout {
  /** Keeps a path out of the change set (a linked node_modules, build output). */
  exclude(pattern: string): Promise<void>;
  /** Every file the working tree changed, added or deleted since the clone. */
  changes(): Promise<{
    files: Record<string, PullRequestFileChange>;
    diff: string;
  }>;
}

/**
 * Gets repositories onto disk for the platform: one service per backend,
 * with one working directory, one set of credentials and one clean-up.
 *
 * @public
 */
export interface CheckoutService {
  /**
   * Clones `repositoryUrl` (`https://host/owner/repo`) with the integration's
   * credentials: `depth` commits (default 1) of `ref` (default: the
   * repository's default branch); `'full'` clones its whole history with
   * the tags that point into it.
   */
  clone(options: {
    repositoryUrl: string;
    ref?: string;
    depth?: number | 'full';
  }): Promise<WritableCheckout>;
  /**
   * A component's repository, found as for specs: a `file:` location is read
   * in place; a GitHub URL is cloned `depth` commits deep (default 50, or
   * `'full'` with tags) so the history can be read; other URLs, or any URL with `history: false`, are
   * read as a tree through the UrlReader (files only).
   */
  openComponent(
    entity: Entity,
    options?: { depth?: number | 'full'; history?: boolean },
  ): Promise<Checkout>;
  /**
   * The commit `openComponent` would clone now: for a component on GitHub,
   * the head of its branch (`git ls-remote`, one git request and no API
   * request); undefined for a source that is not cloned (a local folder, a
   * tree read through the UrlReader). Lets a caller keep what it derived
   * from a commit instead of cloning it again.
   */
  componentRevision(entity: Entity): Promise<string | undefined>;
}
