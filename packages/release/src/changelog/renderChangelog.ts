import { ChangelogSection } from '../config/readReleaseConfig';
import { ReleaseEntry } from '../commits/parseCommit';
import { ChangelogStyle } from './changelogStyle';

/**
 * What a release section is about.
 *
 * @public
 */
export type ReleaseSectionInput = {
  version: string;
  previousTag?: string;
  nextTag: string;
  /** `YYYY-MM-DD`. */
  date: string;
  bump: 'major' | 'minor' | 'patch' | 'none';
  entries: ReleaseEntry[];
  sections: ChangelogSection[];
};

const KEEP_A_CHANGELOG: Record<string, string> = {
  feat: 'Added',
  fix: 'Fixed',
  perf: 'Changed',
  revert: 'Removed',
  deps: 'Changed',
  docs: 'Changed',
};

/**
 * The entries a changelog shows: those of visible sections, and every
 * breaking change whatever its type.
 *
 * @public
 */
export function visibleEntries(
  entries: ReleaseEntry[],
  sections: ChangelogSection[],
): ReleaseEntry[] {
  const shown = new Set(sections.filter(s => !s.hidden).map(s => s.type));
  return entries.filter(e => e.breaking || shown.has(e.type));
}

function links(entry: ReleaseEntry, style: ChangelogStyle): string {
  const url = style.repositoryUrl;
  const short = entry.hash.slice(0, 7);
  const parts: string[] = [];
  if (entry.pr !== undefined) {
    parts.push(
      url ? `([#${entry.pr}](${url}/issues/${entry.pr}))` : `(#${entry.pr})`,
    );
  }
  parts.push(url ? `([${short}](${url}/commit/${entry.hash}))` : `(${short})`);
  return parts.join(' ');
}

function line(
  entry: ReleaseEntry,
  style: ChangelogStyle,
  subject = entry.subject,
): string {
  const scope = entry.scope ? `**${entry.scope}:** ` : '';
  return `${style.bullet} ${scope}${subject} ${links(entry, style)}`;
}

function changesetLine(entry: ReleaseEntry, style: ChangelogStyle): string {
  const short = entry.hash.slice(0, 7);
  const url = style.repositoryUrl;
  const [first, ...rest] = entry.subject.split('\n');
  const lead =
    entry.pr !== undefined && url
      ? `[#${entry.pr}](${url}/pull/${entry.pr}) [\`${short}\`](${url}/commit/${entry.hash}) - `
      : `${short}: `;
  const more = rest.length
    ? `\n${rest.map(l => (l ? `  ${l}` : l)).join('\n')}`
    : '';
  return `${style.bullet} ${lead}${first}${more}`;
}

function changesetLevel(entry: ReleaseEntry): 'major' | 'minor' | 'patch' {
  if (entry.breaking) return 'major';
  return entry.type === 'feat' ? 'minor' : 'patch';
}

/**
 * Renders one release section of CHANGELOG.md in the repository's style.
 *
 * @public
 */
export function renderChangelogSection(
  input: ReleaseSectionInput,
  style: ChangelogStyle,
): string {
  const entries = visibleEntries(input.entries, input.sections);
  const url = style.repositoryUrl;
  const compare =
    url && input.previousTag
      ? `${url}/compare/${input.previousTag}...${input.nextTag}`
      : undefined;
  const out: string[] = [];
  if (style.kind === 'changesets') {
    out.push(`## ${input.version}`, '');
    for (const [level, title] of [
      ['major', 'Major Changes'],
      ['minor', 'Minor Changes'],
      ['patch', 'Patch Changes'],
    ] as const) {
      const group = entries.filter(e => changesetLevel(e) === level);
      if (!group.length) continue;
      out.push(
        `### ${title}`,
        '',
        ...group.map(e => changesetLine(e, style)),
        '',
      );
    }
    return `${out.join('\n').trimEnd()}\n`;
  }
  if (style.kind === 'keep-a-changelog') {
    out.push(`## [${input.version}] - ${input.date}`, '');
    const breaking = entries.filter(e => e.breaking);
    if (breaking.length) {
      out.push(
        '### Changed',
        '',
        ...breaking.map(e => line(e, style, `**Breaking:** ${e.subject}`)),
        '',
      );
    }
    const groups = new Map<string, ReleaseEntry[]>();
    for (const e of entries.filter(x => !x.breaking)) {
      const heading = KEEP_A_CHANGELOG[e.type] ?? 'Changed';
      groups.set(heading, [...(groups.get(heading) ?? []), e]);
    }
    for (const heading of ['Added', 'Changed', 'Removed', 'Fixed']) {
      const group = groups.get(heading);
      if (group)
        out.push(`### ${heading}`, '', ...group.map(e => line(e, style)), '');
    }
    if (compare) out.push(`[${input.version}]: ${compare}`, '');
    return `${out.join('\n').trimEnd()}\n`;
  }
  const level =
    style.kind === 'conventional-changelog' && input.bump !== 'patch'
      ? '#'
      : '##';
  const title = compare ? `[${input.version}](${compare})` : input.version;
  out.push(`${level} ${title} (${input.date})`, '');
  const breaking = entries.filter(e => e.breaking);
  if (breaking.length) {
    out.push(`### ${style.breakingHeading}`, '');
    for (const e of breaking) {
      const notes = e.breakingNotes.length ? e.breakingNotes : [e.subject];
      for (const note of notes) {
        out.push(
          style.kind === 'release-please'
            ? line(e, style, note)
            : `${style.bullet} ${e.scope ? `**${e.scope}:** ` : ''}${note}`,
        );
      }
    }
    out.push('');
  }
  for (const section of input.sections.filter(s => !s.hidden)) {
    const group = entries.filter(e => e.type === section.type);
    if (!group.length || out.some(l => l === `### ${section.section}`))
      continue;
    const sameHeading = input.sections
      .filter(s => !s.hidden && s.section === section.section)
      .map(s => s.type);
    const all = entries.filter(e => sameHeading.includes(e.type));
    out.push(`### ${section.section}`, '', ...all.map(e => line(e, style)), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * Inserts a section above the newest release of a CHANGELOG.md (or starts one).
 *
 * @public
 */
export function prependChangelogSection(
  changelog: string | undefined,
  section: string,
): string {
  if (!changelog?.trim()) return `# Changelog\n\n${section}`;
  const first = /^#{1,3} \[?v?\d+\.\d+\.\d+/m.exec(changelog);
  if (!first) return `${changelog.trimEnd()}\n\n${section}`;
  return `${changelog.slice(0, first.index)}${section}\n${changelog.slice(
    first.index,
  )}`;
}
