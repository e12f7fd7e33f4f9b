import {
  parser,
  toConventionalChangelogFormat,
  ConventionalChangelogCommit,
} from '@conventional-commits/parser';

/**
 * One changelog entry: a Conventional Commit (a commit can carry several).
 *
 * @public
 */
export type ReleaseEntry = {
  type: string;
  scope?: string;
  subject: string;
  breaking: boolean;
  /** The breaking-change notes, when the commit has them. */
  breakingNotes: string[];
  hash: string;
  /** Pull request number from the subject `(#123)` or the merge commit. */
  pr?: number;
  /** `Release-As: x.y.z` footer (release-please). */
  releaseAs?: string;
  /** Files the commit touched. */
  files: string[];
  /** For a changeset: the packages it releases and at which level. */
  packages?: Record<string, string>;
};

const MAX_MESSAGE = 64 * 1024;
const PR_SUFFIX = /\s*\(#(\d+)\)\s*$/;
const RELEASE_AS = /^release-as:\s*(\S+)\s*$/im;

function parse(message: string): ConventionalChangelogCommit | undefined {
  try {
    return toConventionalChangelogFormat(parser(message));
  } catch {
    // The parser throws for a message that is not a Conventional Commit: no entry.
    return undefined;
  }
}

/**
 * Parses one commit message with `@conventional-commits/parser` (the
 * specification's reference parser, the one release-please uses); undefined
 * when the message is not a Conventional Commit.
 *
 * @public
 */
export function parseConventionalCommit(
  message: string,
  meta: { hash: string; files?: string[]; pr?: number },
): ReleaseEntry | undefined {
  const text = message.slice(0, MAX_MESSAGE).replace(/\r\n?/g, '\n');
  const parsed = parse(text);
  if (!parsed?.type || !parsed.subject) return undefined;
  let subject = parsed.subject.trim();
  let pr = meta.pr;
  const suffix = PR_SUFFIX.exec(subject);
  if (suffix) {
    pr = Number(suffix[1]);
    subject = subject.slice(0, suffix.index).trim();
  }
  const breakingNotes = parsed.notes
    .filter(note => /^BREAKING[ -]CHANGE/i.test(note.title))
    .map(note => note.text.trim());
  return {
    type: parsed.type.toLowerCase(),
    scope: parsed.scope || undefined,
    subject,
    breaking: breakingNotes.length > 0,
    breakingNotes,
    hash: meta.hash,
    pr,
    releaseAs: RELEASE_AS.exec(text)?.[1],
    files: meta.files ?? [],
  };
}
