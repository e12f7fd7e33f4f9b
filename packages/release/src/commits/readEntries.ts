import { GitRepository, RawCommit } from '../git/GitRepository';
import { parseConventionalCommit, ReleaseEntry } from './parseCommit';

const MERGE_PR = /^Merge pull request #(\d+) from /;
const SUBJECT_PR = /\(#(\d+)\)\s*$/;
const OVERRIDE = /BEGIN_COMMIT_OVERRIDE\s*\n([\s\S]*?)\nEND_COMMIT_OVERRIDE/;
const HEADER = /^[a-z]+(?:\([^)]*\))?!?: \S/;
const MAX_COMMITS = 20_000;
// A release tool's own release commit is never a change of the release.
const RELEASE_COMMIT =
  /^(?:chore(?:\([^)]*\))?!?: release\b|Version Packages\b)/i;

/**
 * How several changes in one commit message are read.
 *
 * @public
 */
export type MessageSplitting = {
  /**
   * release-please reads further Conventional Commit headers at the start of a
   * body paragraph as further changes, and `BEGIN_COMMIT_OVERRIDE` blocks as
   * the commit's messages.
   */
  multipleChangesPerCommit: boolean;
};

/**
 * Splits a message into the messages of the changes it carries.
 *
 * @public
 */
export function splitCommitMessage(
  message: string,
  splitting: MessageSplitting,
): string[] {
  const override = OVERRIDE.exec(message);
  if (override) {
    return splitParagraphs(override[1], true);
  }
  if (!splitting.multipleChangesPerCommit) return [message];
  return splitParagraphs(message, false);
}

function splitParagraphs(text: string, override: boolean): string[] {
  const messages: string[] = [];
  let current: string[] = [];
  let previousBlank = true;
  for (const line of text.split('\n')) {
    const startsChange =
      HEADER.test(line) && (override || previousBlank) && current.length > 0;
    if (startsChange) {
      messages.push(current.join('\n').trim());
      current = [];
    }
    current.push(line.replace(/^\s{2,}(?=[\w-]+: )/, ''));
    previousBlank = line.trim() === '';
  }
  if (current.length) messages.push(current.join('\n').trim());
  return messages.filter(Boolean);
}

/**
 * Reads the Conventional Commit entries of a range, newest first. Merge commits
 * give their pull request number to the commits they bring in; a merge whose
 * commits carry no Conventional Commit contributes its own message instead.
 *
 * @public
 */
export async function readReleaseEntries(
  repo: GitRepository,
  range: { to: string; from?: string },
  splitting: MessageSplitting = { multipleChangesPerCommit: false },
): Promise<{ entries: ReleaseEntry[]; commits: RawCommit[] }> {
  const commits = (await repo.commits(range.to, range.from)).slice(
    0,
    MAX_COMMITS,
  );
  const prOf = new Map<string, number>();
  const mergedBy = new Map<string, string[]>();
  for (const commit of commits) {
    const merge = MERGE_PR.exec(commit.message);
    if (commit.parents.length < 2 || !merge) continue;
    const brought = await repo.revList(commit.parents[1], commit.parents[0]);
    mergedBy.set(commit.hash, brought);
    for (const hash of brought) {
      if (!prOf.has(hash)) prOf.set(hash, Number(merge[1]));
    }
  }
  const entriesOf = new Map<string, ReleaseEntry[]>();
  for (const commit of commits) {
    if (commit.parents.length > 1 || RELEASE_COMMIT.test(commit.message))
      continue;
    const ownPr = SUBJECT_PR.exec(commit.message.split('\n')[0]);
    const pr = ownPr ? Number(ownPr[1]) : prOf.get(commit.hash);
    const parsed = splitCommitMessage(commit.message, splitting)
      .map(message =>
        parseConventionalCommit(message, {
          hash: commit.hash,
          files: commit.files,
          pr,
        }),
      )
      .filter((entry): entry is ReleaseEntry => entry !== undefined)
      .map(entry => ({ ...entry, pr: entry.pr ?? pr }));
    entriesOf.set(commit.hash, parsed);
  }
  const entries: ReleaseEntry[] = [];
  for (const commit of commits) {
    const brought = mergedBy.get(commit.hash);
    if (brought) {
      const anyConventional = brought.some(
        hash => (entriesOf.get(hash) ?? []).length > 0,
      );
      if (!anyConventional) {
        const body = commit.message.split('\n').slice(1).join('\n').trim();
        const files = brought.flatMap(
          hash => commits.find(c => c.hash === hash)?.files ?? [],
        );
        const entry = parseConventionalCommit(body, {
          hash: commit.hash,
          files,
          pr: Number(MERGE_PR.exec(commit.message)![1]),
        });
        if (entry) entries.push(entry);
      }
      continue;
    }
    entries.push(...(entriesOf.get(commit.hash) ?? []));
  }
  return { entries, commits };
}
