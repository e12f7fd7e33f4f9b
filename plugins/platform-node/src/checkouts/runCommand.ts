import { execFile } from 'node:child_process';
import { dirname } from 'node:path';

/**
 * How a command ended: its exit code and output.
 *
 * @public
 */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Where and how {@link runCommand} runs a program.
 *
 * @public
 */
export interface RunCommandOptions {
  cwd: string;
  /** Exit codes that count as success (default: 0). */
  okCodes?: number[];
  /** Default: ten minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Variables added to the backend's environment. */
  env?: Record<string, string>;
}

/**
 * Runs a program without a shell in `cwd`. Exit codes listed in `okCodes`
 * are returned; any other code throws with the program's stderr. Only for
 * the backend's own programs (git): it passes the backend's environment on.
 * A repository's tools (linters, formatters, package managers) run through
 * the {@link IsolatedToolRunner} instead.
 *
 * @public
 */
export function runCommand(
  command: string,
  args: string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const okCodes = options.okCodes ?? [0];
  // The repository's tools run on the same Node as the backend.
  const path = [dirname(process.execPath), process.env.PATH ?? ''].join(':');
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: {
          ...process.env,
          ...options.env,
          PATH: path,
          GIT_TERMINAL_PROMPT: '0',
        },
        timeout: options.timeoutMs ?? 10 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
        signal: options.signal,
      },
      (error, stdout, stderr) => {
        let exitCode = 0;
        if (error) exitCode = typeof error.code === 'number' ? error.code : -1;
        if (okCodes.includes(exitCode)) {
          resolve({ exitCode, stdout, stderr });
          return;
        }
        reject(
          new Error(
            `${command} ${args.join(' ')} failed (exit ${exitCode}): ${
              String(stderr).trim() || error?.message
            }`,
          ),
        );
      },
    );
  });
}
