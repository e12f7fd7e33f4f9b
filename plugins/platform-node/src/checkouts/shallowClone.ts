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
  await git(args, options.token, `git clone of ${describe(options)}`);
}

/**
 * The commit `ref` (a branch or tag; default the remote's HEAD) points at
 * on the remote, by `git ls-remote`: no clone, no API request. Throws when
 * the remote has no such ref.
 */
export async function remoteHead(options: {
  url: string;
  ref?: string;
  token?: string;
}): Promise<string> {
  const patterns = options.ref
    ? [`refs/heads/${options.ref}`, `refs/tags/${options.ref}`]
    : ['HEAD'];
  const stdout = await git(
    ['ls-remote', '--', options.url, ...patterns],
    options.token,
    `git ls-remote of ${describe(options)}`,
  );
  const lines = stdout.split('\n').map(line => line.split('\t'));
  // A branch wins over a tag of the same name, as for the clone.
  const line =
    lines.find(([, name]) => name === patterns[0]) ??
    lines.find(([sha, name]) => sha && name);
  if (!line?.[0] || !/^[0-9a-f]{40,64}$/.test(line[0])) {
    throw new Error(`${describe(options)} has no ${patterns.join(' or ')}`);
  }
  return line[0];
}

function describe(options: { url: string; ref?: string }) {
  return `${options.url}${options.ref ? ` (${options.ref})` : ''}`;
}

function git(
  args: string[],
  token: string | undefined,
  what: string,
): Promise<string> {
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
  return new Promise<string>((resolve, reject) => {
    execFile(
      'git',
      args,
      { env, timeout: CLONE_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${what} failed: ${String(stderr).trim() || error.message}`,
            ),
          );
        } else {
          resolve(String(stdout));
        }
      },
    );
  });
}
