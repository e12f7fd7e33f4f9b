import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLONE_TIMEOUT_MS = 10 * 60_000;

/**
 * A full clone (history and tags), removed on close.
 *
 * @public
 */
export interface ReleaseCheckout {
  dir: string;
  close(): Promise<void>;
}

/**
 * Clones repositories with their whole history and tags, which a release
 * needs (the last release tag and every commit since). The token reaches git
 * as an HTTP header through GIT_CONFIG_* variables: never in the command
 * line, nor in the clone's configuration.
 *
 * @public
 */
export class ReleaseCheckouts {
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

  async open(repositoryUrl: string): Promise<ReleaseCheckout> {
    const dir = await fs.mkdtemp(
      join(this.options.workingDirectory, 'catalyst-release-'),
    );
    const close = () => fs.rm(dir, { recursive: true, force: true });
    try {
      const { token } = await this.credentials.getCredentials({
        url: repositoryUrl,
      });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
      };
      if (token) {
        const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
        env.GIT_CONFIG_COUNT = '1';
        env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
        env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
      }
      await run(
        'git',
        [
          'clone',
          '--quiet',
          '--',
          `${repositoryUrl.replace(/\/$/, '')}.git`,
          dir,
        ],
        { env, timeout: CLONE_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      );
    } catch (error) {
      await close();
      throw error;
    }
    return { dir, close };
  }
}
