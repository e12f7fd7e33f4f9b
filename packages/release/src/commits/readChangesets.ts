import { parse as parseYaml } from 'yaml';
import { GitRepository } from '../git/GitRepository';
import { ReleaseEntry } from './parseCommit';

const SUBJECT_PR = /\(#(\d+)\)\s*$/;
const MERGE_PR = /^Merge pull request #(\d+) from /;
const MAX_CHANGESETS = 2000;

/**
 * Parses one changeset file (`---\n"pkg": minor\n---\nsummary`).
 *
 * @public
 */
export function parseChangeset(
  text: string,
): { releases: Record<string, string>; summary: string } | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/.exec(
    text.slice(0, 64 * 1024),
  );
  if (!match) return undefined;
  let front: unknown;
  try {
    front = parseYaml(match[1] || '{}', { maxAliasCount: 10 }) ?? {};
  } catch {
    // Not a changeset: changesets itself refuses it too.
    return undefined;
  }
  if (typeof front !== 'object' || front === null) return undefined;
  const releases = Object.fromEntries(
    Object.entries(front).filter(
      ([, v]) => v === 'major' || v === 'minor' || v === 'patch',
    ),
  ) as Record<string, string>;
  return { releases, summary: match[2].trim() };
}

/**
 * The changesets added in a range, as entries (major → breaking, minor →
 * feat, patch → fix) with the hash of the commit that added each.
 *
 * @public
 */
export async function readChangesetEntries(
  repo: GitRepository,
  range: { to: string; from?: string },
): Promise<ReleaseEntry[]> {
  const out = await repo.git([
    'log',
    '--no-color',
    '--diff-filter=A',
    '--format=%x1e%H%x1f%P%x1f%s%x1f',
    '--name-only',
    range.from ? `${range.from}..${range.to}` : range.to,
    '--',
    '.changeset',
  ]);
  const entries: ReleaseEntry[] = [];
  for (const record of out.split('\x1e').filter(r => r.trim())) {
    const [hash, , subject, files = ''] = record.split('\x1f');
    const added = files
      .split('\n')
      .filter(
        f => /^\.changeset\/[^/]+\.md$/.test(f) && !/README\.md$/i.test(f),
      );
    for (const path of added) {
      if (entries.length >= MAX_CHANGESETS) return entries;
      const text = await repo.show(hash, path);
      const changeset = text ? parseChangeset(text) : undefined;
      if (!changeset || !Object.keys(changeset.releases).length) continue;
      const levels = Object.values(changeset.releases);
      const pr = SUBJECT_PR.exec(subject) ?? MERGE_PR.exec(subject);
      entries.push({
        type:
          levels.includes('minor') || levels.includes('major') ? 'feat' : 'fix',
        subject: changeset.summary,
        breaking: levels.includes('major'),
        breakingNotes: [],
        hash,
        pr: pr ? Number(pr[1]) : undefined,
        files: [path],
        packages: changeset.releases,
      });
    }
  }
  return entries;
}
