import { planRelease, ReleasePlan } from '@catalyst/release';
import { Command } from 'commander';
import { resolve } from 'node:path';

/** What `catalyst changelog` was asked to do. */
export type ChangelogCommandOptions = {
  dir: string;
  from?: string;
  to?: string;
  package?: string;
  json?: boolean;
};

/** The `--json` answer. */
export function changelogJson(plan: ReleasePlan) {
  return {
    previousVersion: plan.previousVersion ?? null,
    nextVersion: plan.nextVersion,
    bump: plan.bump,
    entries: plan.entries.map(entry => ({
      type: entry.type,
      scope: entry.scope ?? null,
      subject: entry.subject,
      breaking: entry.breaking,
      hash: entry.hash,
      pr: entry.pr ?? null,
    })),
    markdown: plan.markdown,
  };
}

/** Prints the next release's changelog section (or the JSON answer). */
export async function runChangelogCommand(
  options: ChangelogCommandOptions,
  write: (text: string) => void,
): Promise<void> {
  const plan = await planRelease({
    dir: resolve(options.dir),
    from: options.from,
    to: options.to,
    package: options.package,
  });
  write(
    options.json
      ? `${JSON.stringify(changelogJson(plan), null, 2)}\n`
      : plan.markdown,
  );
}

/** Adds `catalyst changelog <repo-dir>`. */
export function registerChangelogCommand(program: Command): void {
  program
    .command('changelog')
    .description(
      "Print the next release's changelog section from the Conventional Commits since the last release tag, in the style of the repository's CHANGELOG.md",
    )
    .argument('<repo-dir>', 'a git checkout')
    .option(
      '--from <ref>',
      'start of the range (default: the last release tag)',
    )
    .option('--to <ref>', 'end of the range (default: HEAD)')
    .option('--package <name>', 'a workspace package (name or folder)')
    .option(
      '--json',
      'print { previousVersion, nextVersion, bump, entries, markdown }',
    )
    .action(
      async (
        dir: string,
        opts: Omit<ChangelogCommandOptions, 'dir'>,
      ): Promise<void> => {
        await runChangelogCommand({ dir, ...opts }, text =>
          process.stdout.write(text),
        );
      },
    );
}
