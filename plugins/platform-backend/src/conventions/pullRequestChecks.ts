import { conventionalCommitTypes } from '@catalyst/conventions';
import type { ConventionPack } from '@catalyst/plugin-platform-node';
import { posix } from 'node:path';

/** What a pull request check looks at. */
export interface PullRequestFacts {
  title: string;
  /** The head branch. */
  branch: string;
  commits: { sha: string; message: string; parents: number }[];
  files: { filename: string; status: string }[];
}

/** One problem a check found; `path` (and `line`) are set when it is about a file. */
export interface PullRequestFinding {
  check:
    | 'commit-message'
    | 'pr-title'
    | 'branch-name'
    | 'tests'
    | 'file-name'
    | 'catalyst-yaml';
  level: 'failure' | 'warning';
  message: string;
  path?: string;
  line?: number;
}

/** Catalyst's own pull request branches, exempt from branch naming. */
const CATALYST_BRANCH_PREFIX = 'catalyst/';

const MAX_FILE_FINDINGS = 20;

const conventionalSubject = new RegExp(
  `^(${conventionalCommitTypes.join('|')})(\\([a-z0-9._,/-]+\\))?!?: \\S.*`,
);

/** Lower-case snake_case file names, as gofmt, PEP 8 and RuboCop expect. */
const snakeCaseFiles: Record<string, RegExp> = {
  go: /^[a-z0-9_]+\.go$/,
  python: /^[a-z0-9_]+\.py$/,
  ruby: /^[a-z0-9_]+\.rb$/,
};

function compile(source: unknown): RegExp | undefined {
  if (typeof source !== 'string') return undefined;
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

function subjectOf(message: string): string {
  return message.split('\n')[0].trim();
}

/**
 * Checks a pull request against a pack's enabled rules: Conventional Commits
 * for every commit and the title (`commit` rules), the head branch's name
 * (`branch` rules), source files changed without a test changed (`test`
 * rules), and file names of added files. Merge commits are not checked.
 * A finding is a failure when its rule is required, else a warning.
 */
export function checkPullRequest(
  facts: PullRequestFacts,
  pack: ConventionPack,
): PullRequestFinding[] {
  const findings: PullRequestFinding[] = [];
  const enabled = pack.rules.filter(rule => rule.enabled);
  const level = (required: boolean) => (required ? 'failure' : 'warning');

  for (const rule of enabled.filter(r => r.ruleType === 'commit')) {
    for (const commit of facts.commits) {
      if (commit.parents > 1) continue;
      const subject = subjectOf(commit.message);
      if (!conventionalSubject.test(subject)) {
        findings.push({
          check: 'commit-message',
          level: level(rule.required),
          message: `Commit ${commit.sha.slice(
            0,
            7,
          )} "${subject}" does not follow Conventional Commits: type(scope): subject, with a type of ${conventionalCommitTypes.join(
            ', ',
          )} (rule ${rule.ruleName})`,
        });
      }
    }
    if (!conventionalSubject.test(facts.title.trim())) {
      findings.push({
        check: 'pr-title',
        level: level(rule.required),
        message: `The title "${facts.title.trim()}" does not follow Conventional Commits: type(scope): subject (rule ${
          rule.ruleName
        })`,
      });
    }
  }

  for (const rule of enabled.filter(r => r.ruleType === 'branch')) {
    const pattern = compile(rule.config.pattern);
    const allowed = Array.isArray(rule.config.allow) ? rule.config.allow : [];
    if (
      !pattern ||
      facts.branch.startsWith(CATALYST_BRANCH_PREFIX) ||
      allowed.includes(facts.branch) ||
      pattern.test(facts.branch)
    ) {
      continue;
    }
    findings.push({
      check: 'branch-name',
      level: level(rule.required),
      message: `The branch "${facts.branch}" does not match /${rule.config.pattern}/, e.g. feat/short-topic (rule ${rule.ruleName})`,
    });
  }

  const present = facts.files.filter(file => file.status !== 'removed');
  for (const rule of enabled.filter(r => r.ruleType === 'test')) {
    const isSource = compile(rule.config.sourcePattern);
    const isTest = compile(rule.config.testPattern);
    if (!isSource || !isTest) continue;
    const tests = present.filter(file => isTest.test(file.filename));
    const sources = present.filter(
      file => !isTest.test(file.filename) && isSource.test(file.filename),
    );
    if (!sources.length || tests.length) continue;
    for (const file of sources.slice(0, MAX_FILE_FINDINGS)) {
      findings.push({
        check: 'tests',
        level: level(rule.required),
        path: file.filename,
        message: `${file.filename} changed, but no test changed with it (rule ${rule.ruleName}: tests match /${rule.config.testPattern}/)`,
      });
    }
  }

  const snakeCase = snakeCaseFiles[pack.detection.ecosystem];
  const named = facts.files.filter(file => file.status === 'added');
  let naming = 0;
  for (const file of named) {
    if (naming >= MAX_FILE_FINDINGS) break;
    const base = posix.basename(file.filename);
    const extension = posix.extname(base);
    let problem: string | undefined;
    if (/\s/.test(file.filename)) {
      problem = 'has whitespace in its path';
    } else if (
      snakeCase &&
      extension &&
      snakeCase.source.endsWith(`\\${extension}$`) &&
      !snakeCase.test(base)
    ) {
      problem = `is not a lower-case snake_case ${extension} file name`;
    }
    if (problem) {
      naming++;
      findings.push({
        check: 'file-name',
        level: 'warning',
        path: file.filename,
        message: `${file.filename} ${problem}`,
      });
    }
  }
  return findings;
}

/** Which pack applies to a tree: the first whose detection files it has. */
export function selectPackForPaths(
  packs: readonly ConventionPack[],
  paths: ReadonlySet<string>,
): ConventionPack | undefined {
  return packs.find(pack =>
    pack.detection.anyOfFiles.some(file => paths.has(file)),
  );
}
