import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { PullRequestFileChange } from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { shallowClone } from './shallowClone';
import { runCommand } from '../services/tasks/executors/runCommand';

/** A throw-away clone of a repository's default branch. */
export interface TemporaryCheckout {
  dir: string;
  /** Keeps a path out of the change set (a linked node_modules, build output). */
  exclude(pattern: string): Promise<void>;
  /** Every file the working tree changed, added or deleted since the clone. */
  changes(): Promise<{
    files: Record<string, PullRequestFileChange>;
    diff: string;
  }>;
  close(): Promise<void>;
}

/**
 * Clones repositories into a working directory for executors that change
 * files with the repository's own tools; every checkout is removed on close.
 */
export class TemporaryCheckouts {
  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      workingDirectory: string;
      credentialsProvider?: GithubCredentialsProvider;
    },
  ) {
    this.credentials =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  }

  /**
   * Clones `repositoryUrl` (`https://host/owner/repo`) with the integration's
   * credentials; `depth` commits of history (default 1).
   */
  async open(
    repositoryUrl: string,
    options?: { depth?: number },
  ): Promise<TemporaryCheckout> {
    const dir = await fs.mkdtemp(
      join(this.options.workingDirectory, 'catalyst-task-'),
    );
    const close = () => fs.rm(dir, { recursive: true, force: true });
    try {
      const { token } = await this.credentials.getCredentials({
        url: repositoryUrl,
      });
      await shallowClone({
        url: `${repositoryUrl.replace(/\/$/, '')}.git`,
        targetDir: dir,
        depth: options?.depth ?? 1,
        token,
      });
    } catch (error) {
      await close();
      throw error;
    }
    const git = (args: string[]) => runCommand('git', args, { cwd: dir });
    return {
      dir,
      exclude: pattern =>
        fs.appendFile(join(dir, '.git', 'info', 'exclude'), `\n${pattern}\n`),
      async changes() {
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
        for (let i = 0; i + 1 < parts.length; i += 2) {
          const [kind, path] = [parts[i], parts[i + 1]];
          if (kind === 'D') {
            files[path] = { delete: true };
            continue;
          }
          const file = join(dir, path);
          files[path] = {
            content: await fs.readFile(file, 'utf8'),
            // Keeps a written hook or script runnable in the pull request.
            executable: ((await fs.stat(file)).mode & 0o111) !== 0,
          };
        }
        const diff = (await git(['diff', '--cached', '--no-renames'])).stdout;
        return { files, diff };
      },
      close,
    };
  }
}
