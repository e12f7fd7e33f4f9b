import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CappedOutput } from './CappedOutput';
import { IsolatedRunOptions, IsolatedRunResult } from './types';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
const TOOL_PATH = '/usr/local/bin:/usr/bin:/bin';
const SANDBOX_HOME = '/tmp/home';
// What tools need from /etc: certificates and name resolution for package
// managers, users for tools that look themselves up. Never all of /etc.
const ETC_READ = [
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/resolv.conf',
  '/etc/hosts',
  '/etc/nsswitch.conf',
  '/etc/passwd',
  '/etc/group',
  '/etc/alternatives',
  '/etc/localtime',
];

/**
 * Runs a repository's tool (linter, formatter, package manager) as an isolated
 * child: a cleared environment with a throw-away HOME, the checkout as the only
 * writable folder, no network unless asked, and caps on time and output.
 *
 * @public
 */
export async function runIsolated(
  command: string,
  args: string[],
  options: IsolatedRunOptions,
): Promise<IsolatedRunResult> {
  options.signal?.throwIfAborted();
  const path = [...(options.toolPath ?? []), TOOL_PATH].join(':');
  if (options.isolation === 'bwrap') {
    return capture(
      'bwrap',
      [...bubblewrapArgs(options, path), '--', command, ...args],
      { cwd: options.cwd, env: {} },
      options,
    );
  }
  const home = mkdtempSync(join(tmpdir(), 'catalyst-tool-home-'));
  try {
    return await capture(
      command,
      args,
      { cwd: options.cwd, env: { ...options.env, PATH: path, HOME: home } },
      options,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function bubblewrapArgs(options: IsolatedRunOptions, path: string): string[] {
  const args = [
    '--unshare-all',
    ...(options.network ? ['--share-net'] : []),
    '--unshare-user',
    '--uid',
    '1000',
    '--gid',
    '1000',
    '--cap-drop',
    'ALL',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    '--ro-bind',
    '/usr',
    '/usr',
    ...systemLinks(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
    '--dir',
    SANDBOX_HOME,
  ];
  for (const etc of ETC_READ) {
    if (existsSync(etc)) args.push('--ro-bind', etc, etc);
  }
  for (const extra of options.readOnlyPaths ?? []) {
    args.push('--ro-bind', extra, extra);
  }
  args.push('--bind', options.cwd, options.cwd, '--chdir', options.cwd);
  for (const [name, value] of Object.entries(options.env ?? {})) {
    args.push('--setenv', name, value);
  }
  args.push('--setenv', 'PATH', path, '--setenv', 'HOME', SANDBOX_HOME);
  return args;
}

// Merged-/usr systems link /bin, /lib... into /usr; others get them read-only.
function systemLinks(): string[] {
  const args: string[] = [];
  for (const dir of ['/bin', '/sbin', '/lib', '/lib32', '/lib64']) {
    if (!existsSync(dir)) continue;
    if (lstatSync(dir).isSymbolicLink()) {
      args.push('--symlink', readlinkSync(dir), dir);
    } else {
      args.push('--ro-bind', dir, dir);
    }
  }
  return args;
}

function capture(
  command: string,
  args: string[],
  spawnOptions: { cwd: string; env: Record<string, string> },
  options: IsolatedRunOptions,
): Promise<IsolatedRunResult> {
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...spawnOptions,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out = new CappedOutput(maxBytes);
    const err = new CappedOutput(maxBytes);
    child.stdout.on('data', chunk => out.push(chunk));
    child.stderr.on('data', chunk => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const abort = () => killGroup(child.pid);
    options.signal?.addEventListener('abort', abort, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    };
    child.on('error', error => {
      done();
      reject(error);
    });
    child.on('close', code => {
      done();
      if (options.signal?.aborted) {
        reject(options.signal.reason);
        return;
      }
      resolve({
        exitCode: code ?? undefined,
        stdout: out.text(),
        stderr: err.text(),
        timedOut,
        truncated: out.truncated || err.truncated,
      });
    });
  });
}

function killGroup(pid: number | undefined) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    // The group is already gone when the tool exited just before the timer.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
