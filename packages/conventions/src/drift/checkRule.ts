import { promises as fs } from 'node:fs';
import { join as joinPath, posix } from 'node:path';
import { EffectiveConventionRule } from '../resolve/resolveConventions';
import { DriftStatus } from './types';

/** What a rule check needs from the checkout. */
export interface RuleCheckContext {
  repoDir: string;
  /** Every non-ignored file, read once and only when a rule needs it. */
  listFiles(): Promise<string[]>;
  exists(path: string): Promise<boolean>;
}

type RuleOutcome = { status: DriftStatus; evidence: string[] };

/** A pattern from the rule config, or the outcome explaining why it is unusable. */
function compilePattern(key: string, source: string): RegExp | RuleOutcome {
  try {
    return new RegExp(source);
  } catch (error) {
    return {
      status: 'unchecked',
      evidence: [
        `config ${key} is not a valid pattern: ${(error as Error).message}`,
      ],
    };
  }
}

const MAX_LISTED = 10;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every(item => typeof item === 'string')
    ? value
    : undefined;
}

function listed(items: string[]): string {
  return items.length > MAX_LISTED
    ? `${items.slice(0, MAX_LISTED).join(', ')} and ${
        items.length - MAX_LISTED
      } more`
    : items.join(', ');
}

async function checkRequiredFiles(
  rule: EffectiveConventionRule,
  context: RuleCheckContext,
): Promise<RuleOutcome | undefined> {
  const allOf = stringList(rule.config.requireAllOf);
  const anyOf = stringList(rule.config.requireAnyOf);
  if (!allOf && !anyOf) return undefined;
  const evidence: string[] = [];
  let status: DriftStatus = 'pass';
  for (const path of allOf ?? []) {
    if (await context.exists(path)) {
      evidence.push(`${path} present`);
    } else {
      status = 'missing';
      evidence.push(`${path} missing`);
    }
  }
  if (anyOf && anyOf.length > 0) {
    let found: string | undefined;
    for (const path of anyOf) {
      if (await context.exists(path)) {
        found = path;
        break;
      }
    }
    if (found) evidence.push(`${found} present`);
    else {
      status = 'missing';
      evidence.push(`none of ${listed(anyOf)} present`);
    }
  }
  return { status, evidence };
}

async function currentBranch(repoDir: string): Promise<string | undefined> {
  try {
    const head = await fs.readFile(joinPath(repoDir, '.git', 'HEAD'), 'utf8');
    return /^ref: refs\/heads\/(.+)$/m.exec(head)?.[1].trim();
  } catch {
    return undefined;
  }
}

async function checkBranch(
  rule: EffectiveConventionRule,
  context: RuleCheckContext,
): Promise<RuleOutcome | undefined> {
  if (typeof rule.config.pattern !== 'string') return undefined;
  const branch = await currentBranch(context.repoDir);
  if (branch === undefined) {
    return {
      status: 'unchecked',
      evidence: ['no checked-out branch (not a git checkout, or detached)'],
    };
  }
  if (stringList(rule.config.allow)?.includes(branch)) {
    return { status: 'pass', evidence: [`branch "${branch}" is allowed`] };
  }
  const pattern = compilePattern('pattern', rule.config.pattern);
  if (!(pattern instanceof RegExp)) return pattern;
  return pattern.test(branch)
    ? { status: 'pass', evidence: [`branch "${branch}" matches`] }
    : {
        status: 'drift',
        evidence: [
          `branch "${branch}" does not match /${rule.config.pattern}/`,
        ],
      };
}

async function checkTests(
  rule: EffectiveConventionRule,
  context: RuleCheckContext,
): Promise<RuleOutcome | undefined> {
  const { sourcePattern, testPattern, granularity } = rule.config;
  if (typeof sourcePattern !== 'string' || typeof testPattern !== 'string') {
    return undefined;
  }
  const isSource = compilePattern('sourcePattern', sourcePattern);
  if (!(isSource instanceof RegExp)) return isSource;
  const isTest = compilePattern('testPattern', testPattern);
  if (!(isTest instanceof RegExp)) return isTest;
  const sourceDirs = new Set<string>();
  const testDirs = new Set<string>();
  let tests = 0;
  for (const file of await context.listFiles()) {
    if (isTest.test(file)) {
      tests++;
      testDirs.add(posix.dirname(file));
    } else if (isSource.test(file)) {
      sourceDirs.add(posix.dirname(file));
    }
  }
  if (sourceDirs.size === 0) {
    return { status: 'pass', evidence: ['no source files to test'] };
  }
  if (granularity === 'directory') {
    const untested = [...sourceDirs].filter(dir => !testDirs.has(dir)).sort();
    return untested.length === 0
      ? {
          status: 'pass',
          evidence: [`all ${sourceDirs.size} source folders have tests`],
        }
      : {
          status: 'drift',
          evidence: [
            `${untested.length} of ${
              sourceDirs.size
            } source folders have no test: ${listed(untested)}`,
          ],
        };
  }
  return tests > 0
    ? { status: 'pass', evidence: [`${tests} test files`] }
    : {
        status: 'drift',
        evidence: [`source files in ${sourceDirs.size} folders but no tests`],
      };
}

/** Checks one enabled rule against what the checkout's files show. */
export async function checkRule(
  rule: EffectiveConventionRule,
  context: RuleCheckContext,
): Promise<RuleOutcome> {
  const outcomes = [
    await checkRequiredFiles(rule, context),
    rule.ruleType === 'branch' ? await checkBranch(rule, context) : undefined,
    rule.ruleType === 'test' ? await checkTests(rule, context) : undefined,
  ].filter((outcome): outcome is RuleOutcome => outcome !== undefined);
  if (outcomes.length === 0) {
    return {
      status: 'unchecked',
      evidence: ['not checkable from the checkout files'],
    };
  }
  const rank: DriftStatus[] = ['missing', 'drift', 'unchecked', 'pass'];
  const status = rank.find(candidate =>
    outcomes.some(outcome => outcome.status === candidate),
  )!;
  return { status, evidence: outcomes.flatMap(outcome => outcome.evidence) };
}
