import { describeDependencyUpdates } from '../dependencies/groupDependencyUpdates';
import { DependencyUpdate } from '../dependencies/types';
import { ProposedPullRequest } from '@catalyst/plugin-platform-node';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Commit, title and body (a table of updates, then the advisories they fix). */
export function describeDependencyUpdatePullRequest(
  updates: DependencyUpdate[],
  lockfileNote: string,
): ProposedPullRequest {
  const title = `chore(deps): ${describeDependencyUpdates(updates)}`;
  const rows = updates.map(update => {
    const fixes = update.advisories.map(a => `[${a.ghsaId}](${a.url})`);
    return `| \`${update.name}\` | ${update.directory || '.'} | ${
      update.from
    } | ${update.to} | ${update.kind} | ${fixes.join(', ') || '-'} |`;
  });
  const advisories = updates.flatMap(update =>
    update.advisories.map(
      a =>
        `- **${a.ghsaId}** (${a.severity}) in \`${update.name}\`: ${cell(
          a.summary,
        )}. Vulnerable: \`${a.vulnerableVersionRange}\`; patched in ${
          a.firstPatchedVersion
            ? `\`${a.firstPatchedVersion}\``
            : 'no version yet'
        }.`,
    ),
  );
  const body = [
    `Catalyst updates ${
      updates.length === 1 ? 'a dependency' : `${updates.length} dependencies`
    } to the registry's \`latest\`, keeping each range's style.`,
    '',
    '| Package | Folder | From | To | Kind | Fixes |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(advisories.length
      ? ['', '### Security advisories fixed', '', ...advisories]
      : []),
    '',
    lockfileNote,
  ].join('\n');
  return { commitMessage: title, title, body };
}
