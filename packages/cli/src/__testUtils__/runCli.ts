import { main } from '../index';

/** Runs `catalyst <args>` in-process, capturing stdout, stderr and the exit code. */
export async function runCli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(chunk => out.push(String(chunk)) > 0);
  const stderr = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation(chunk => err.push(String(chunk)) > 0);
  process.exitCode = undefined;
  try {
    await main(['node', 'catalyst', ...args]);
    return {
      stdout: out.join(''),
      stderr: err.join(''),
      exitCode: process.exitCode ?? 0,
    };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}
