import { execFile } from 'node:child_process';

/** Output of a git command that succeeded. */
export interface GitResult {
  stdout: string;
}

/**
 * Runs the `git` binary in `cwd` without a shell. Resolves undefined when git
 * is missing or the command fails, with the reason in `onError`, so callers can
 * turn it into a diagnostic instead of a crash.
 */
export function runGit(
  cwd: string,
  args: string[],
  onError?: (reason: string) => void,
): Promise<GitResult | undefined> {
  return new Promise(resolve => {
    execFile(
      'git',
      ['-c', 'core.quotePath=off', ...args],
      {
        cwd,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const reason =
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? 'the git binary was not found'
              : (stderr || error.message).trim().split('\n')[0];
          onError?.(reason);
          resolve(undefined);
          return;
        }
        resolve({ stdout });
      },
    );
  });
}
