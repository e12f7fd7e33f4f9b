import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Finds `promtool` on PATH (Debian's prometheus package ships it). */
export async function findPromtool(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'promtool');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory: keep looking.
    }
  }
  return undefined;
}

/** The outcome of `promtool check rules`. */
export type PromtoolCheck =
  | { checked: false }
  | { checked: true; ok: true }
  | { checked: true; ok: false; output: string };

/** Runs `promtool check rules` on a rule file's text, when promtool is installed. */
export async function checkRulesWithPromtool(
  yaml: string,
): Promise<PromtoolCheck> {
  const promtool = await findPromtool();
  if (!promtool) return { checked: false };
  const dir = await mkdtemp(join(tmpdir(), 'catalyst-rules-'));
  const file = join(dir, 'rules.yml');
  try {
    await writeFile(file, yaml);
    await run(promtool, ['check', 'rules', file], { timeout: 30_000 });
    return { checked: true, ok: true };
  } catch (error) {
    const failed = error as {
      stdout?: string;
      stderr?: string;
      message: string;
    };
    const output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`
      .split(file)
      .join('rules.yml')
      .trim();
    return { checked: true, ok: false, output: output || failed.message };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
