import { execFile } from 'node:child_process';

const CLONE_TIMEOUT_MS = 5 * 60_000;

/**
 * `git clone --depth <depth>` of one branch into `targetDir`; with `'full'`,
 * the branch's whole history and the tags that point into it (releases). The token goes
 * to git as an HTTP header through GIT_CONFIG_* environment variables, so it
 * is neither in the command line nor in the clone's `.git/config`. Git runs
 * without a shell and never prompts.
 */
export async function shallowClone(options: {
  url: string;
  targetDir: string;
  depth: number | 'full';
  ref?: string;
  token?: string;
}): Promise<void> {
  const args = ['clone', '--quiet', '--single-branch'];
  if (options.depth !== 'full') {
    args.push('--depth', String(options.depth), '--no-tags');
  }
  if (options.ref) args.push('--branch', options.ref);
  args.push('--', options.url, options.targetDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
  };
  if (options.token) {
    const basic = Buffer.from(`x-access-token:${options.token}`).toString(
      'base64',
    );
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
    env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
  }
  await new Promise<void>((resolve, reject) => {
    execFile(
      'git',
      args,
      { env, timeout: CLONE_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `git clone of ${options.url}${
                options.ref ? ` (${options.ref})` : ''
              } failed: ${String(stderr).trim() || error.message}`,
            ),
          );
        } else {
          resolve();
        }
      },
    );
  });
}
