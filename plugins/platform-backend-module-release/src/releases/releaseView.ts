import type {
  ReleaseBumpReason,
  ReleaseCommit,
  ReleaseCommitGroup,
} from '@catalyst/plugin-platform-common';
import type {
  ChangelogSection,
  ReleaseEntry,
  ReleasePlan,
} from '@catalyst/release';

const MAX_DECIDING = 20;

/** A changelog entry for the card, with links when the repository has a web host. */
export function commitView(
  entry: ReleaseEntry,
  webUrl: string | undefined,
): ReleaseCommit {
  return {
    type: entry.type,
    scope: entry.scope,
    subject: entry.subject,
    breaking: entry.breaking,
    hash: entry.hash,
    pr: entry.pr,
    commitUrl: webUrl ? `${webUrl}/commit/${entry.hash}` : undefined,
    pullRequestUrl:
      webUrl && entry.pr ? `${webUrl}/pull/${entry.pr}` : undefined,
  };
}

/**
 * The unreleased entries under the changelog's headings, in its order:
 * breaking changes first, then each shown section (sections sharing a
 * heading are one group). A breaking entry also stays under its type, as
 * the changelog lists it there too.
 */
export function commitGroups(
  plan: ReleasePlan,
  sections: ChangelogSection[],
  view: (entry: ReleaseEntry) => ReleaseCommit,
): ReleaseCommitGroup[] {
  const groups: ReleaseCommitGroup[] = [];
  const breaking = plan.entries.filter(e => e.breaking);
  if (breaking.length) {
    groups.push({
      title: plan.style.breakingHeading,
      commits: breaking.map(view),
    });
  }
  const placed = new Set<string>();
  for (const section of sections.filter(s => !s.hidden)) {
    if (groups.some(g => g.title === section.section)) continue;
    const types = sections
      .filter(s => !s.hidden && s.section === section.section)
      .map(s => s.type);
    const entries = plan.entries.filter(e => types.includes(e.type));
    entries.forEach(e => placed.add(e.hash + e.subject));
    if (entries.length) {
      groups.push({ title: section.section, commits: entries.map(view) });
    }
  }
  // Entries of no section (changesets, a breaking chore) are still released.
  const rest = plan.entries.filter(
    e => !e.breaking && !placed.has(e.hash + e.subject),
  );
  if (rest.length)
    groups.push({ title: 'Other changes', commits: rest.map(view) });
  return groups;
}

/** Which commits decide the bump, and the pre-1.0 rule when one applied. */
export function bumpReason(
  plan: ReleasePlan,
  view: (entry: ReleaseEntry) => ReleaseCommit,
): ReleaseBumpReason {
  const summary = plan.reason;
  const all = plan.allEntries;
  const deciding = (entries: ReleaseEntry[]) =>
    entries.slice(0, MAX_DECIDING).map(view);
  if (plan.bump === 'none') {
    return { summary, decidedBy: 'none', commits: [] };
  }
  const releaseAs = all.filter(e => e.releaseAs);
  if (releaseAs.length) {
    return { summary, decidedBy: 'release-as', commits: deciding(releaseAs) };
  }
  if (!plan.previousVersion) {
    return { summary, decidedBy: 'first-release', commits: [] };
  }
  const preMajor = plan.previousVersion.startsWith('0.');
  const breaking = all.filter(e => e.breaking);
  if (breaking.length) {
    return {
      summary,
      decidedBy: 'breaking',
      commits: deciding(breaking),
      preMajorRule:
        preMajor && plan.bump !== 'major'
          ? `Before 1.0.0 a breaking change bumps the ${plan.bump} version, not the major one`
          : undefined,
    };
  }
  const feats = all.filter(e => e.type === 'feat');
  if (feats.length) {
    return {
      summary,
      decidedBy: 'feat',
      commits: deciding(feats),
      preMajorRule:
        preMajor && plan.bump === 'patch'
          ? 'Before 1.0.0 a feature bumps the patch version, not the minor one'
          : undefined,
    };
  }
  // A patch: fixes and performance work, or whatever else the changelog shows.
  const fixes = all.filter(e => e.type === 'fix' || e.type === 'perf');
  return {
    summary,
    decidedBy: 'fix',
    commits: deciding(fixes.length ? fixes : plan.entries),
  };
}
