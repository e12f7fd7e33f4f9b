import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The folders of ruff and goimports, installed (or found cached) by the
 * project's `scripts/lint-tools.sh`: the isolated tool runner's toolchain
 * for Python and Go repositories.
 */
export async function lintToolchain(): Promise<string[]> {
  const script = resolve(__dirname, '../../../../scripts/lint-tools.sh');
  const { stdout } = await promisify(execFile)('bash', [script], {
    timeout: 300_000,
  });
  return stdout.split('\n').filter(Boolean);
}
