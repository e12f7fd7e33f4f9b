/**
 * Why a check failed, as `ci_repair` tells it: what it can repair (`format`,
 * `lint`, `lockfile`), what it can re-run (`infrastructure`, `flaky_test`),
 * and what it leaves to a person (`type_error`, `test_failure`, `unknown`).
 *
 * @public
 */
export type CheckFailureKind =
  | 'format'
  | 'lint'
  | 'lockfile'
  | 'type_error'
  | 'test_failure'
  | 'flaky_test'
  | 'infrastructure'
  | 'unknown';

/**
 * A failed check run as `ci_repair` reads it: its annotations, its output
 * text and, for a GitHub Actions job, the job's log.
 *
 * @public
 */
export interface FailedCheck {
  id: number;
  name: string;
  conclusion: string;
  title?: string;
  summary?: string;
  text?: string;
  /**
   * The end of the log of the GitHub Actions job behind the run
   * (`GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs`), where the API gives it.
   */
  jobLog?: string;
  annotations: {
    path: string;
    line: number;
    message: string;
    title?: string;
  }[];
}

/**
 * A classified failure with the lines that decided it (at most five, each
 * at most 300 characters).
 *
 * @public
 */
export interface CheckFailure {
  check: { id: number; name: string };
  kind: CheckFailureKind;
  evidence: string[];
  /** The failing tests found in the log, for `test_failure` and `flaky_test`. */
  failedTests: string[];
}

/** Lines read from a log: the checks API caps `output.text` at 64 KiB. */
const MAX_LOG_CHARS = 65_536;

/** The signs of each kind, most specific first: the first kind with a match wins. */
const SIGNS: { kind: CheckFailureKind; lines: RegExp; names?: RegExp }[] = [
  {
    kind: 'infrastructure',
    lines:
      /ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|Could not resolve host|(502|503|504) (Bad Gateway|Service Unavailable|Gateway Time-?out)|No space left on device|runner (has received a shutdown signal|lost communication)|The operation was canceled|killed by signal|out of memory|rate limit exceeded/i,
  },
  {
    kind: 'lockfile',
    lines:
      /lockfile (would have been modified|needs to be updated|is out of date)|YN0028|frozen-lockfile|package-lock\.json.*(not in sync|out of sync)|`npm ci` can only install packages when your package\.json and package-lock\.json|missing go\.sum entry|updates to go\.mod needed|uv\.lock.*(out of date|needs to be updated)|poetry\.lock.*(not consistent|out of date)/i,
  },
  {
    kind: 'format',
    lines:
      /Code style issues found|\[warn\] .* Code style|prettier --check|Would reformat:|would reformat|ruff format --check|files? would be reformatted|gofmt -l|not gofmt-?ed|not (properly )?formatted|Forgot to run Prettier/i,
    names: /format|prettier|gofmt|black/i,
  },
  {
    kind: 'type_error',
    lines:
      /error TS\d{3,5}|Found \d+ errors? in \d+ files?|: error: .*\[[a-z-]+\]$|pyright|mypy|typecheck|type-check/i,
    names: /type ?check|tsc|mypy|pyright|types/i,
  },
  {
    kind: 'lint',
    lines:
      /eslint|\d+ problems? \(\d+ errors?|ruff check|Found \d+ errors?\.|\[\*\] \d+ fixable|go vet|golangci-lint|flake8|pylint/i,
    names: /lint|eslint|ruff|vet/i,
  },
  {
    kind: 'test_failure',
    lines:
      /^\s*(FAIL|✕|●|--- FAIL:|FAILED )|Tests?:\s+\d+ failed|\d+ failed|AssertionError|assert(ion)? failed|expect\(/i,
    names: /test|jest|pytest|mocha|spec/i,
  },
];

/** Failing tests named in a log: jest (`●` / `✕`), pytest (`FAILED`), go (`--- FAIL:`), mocha. */
function failedTestsIn(lines: string[]): string[] {
  const found = new Set<string>();
  for (const line of lines) {
    const match =
      /^\s*● (.+?)\s*$/.exec(line) ??
      /^\s*✕ (.+?)(?: \(\d+ m?s\))?\s*$/.exec(line) ??
      /^FAILED (\S+::\S+)/.exec(line) ??
      /^\s*--- FAIL: (\S+)/.exec(line) ??
      /^\s*\d+\) (.+)$/.exec(line);
    if (match) found.add(match[1].slice(0, 300));
    if (found.size >= 50) break;
  }
  return [...found];
}

/** Whether a failing test is one of the known flaky tests (`<classname> › <name>` or the name). */
function isKnownFlaky(test: string, flaky: string[]): boolean {
  const name = test.split('::').pop()!.split(' › ').pop()!.trim();
  return flaky.some(
    id => id === test || id.split(' › ').pop()!.trim() === name,
  );
}

/**
 * Classifies one failed check run from its conclusion, name, annotations
 * and log. A test failure whose failing tests are all known to be flaky
 * (`flakyTests`, from the flaky-test module) is `flaky_test`; a run that
 * timed out, was cancelled or could not start is `infrastructure`.
 *
 * @public
 */
export function classifyCheckFailure(
  check: FailedCheck,
  flakyTests: string[] = [],
): CheckFailure {
  const log = [check.title, check.summary, check.text, check.jobLog]
    .filter(Boolean)
    .join('\n')
    .slice(0, MAX_LOG_CHARS);
  const lines = [
    ...check.annotations.map(a =>
      [a.title, `${a.path}:${a.line}: ${a.message}`].filter(Boolean).join(' '),
    ),
    ...log.split('\n'),
  ]
    .map(line => line.trimEnd())
    .filter(Boolean);
  const result = (kind: CheckFailureKind, evidence: string[]) => {
    const failedTests = kind === 'test_failure' ? failedTestsIn(lines) : [];
    const flaky =
      failedTests.length > 0 &&
      failedTests.every(test => isKnownFlaky(test, flakyTests));
    return {
      check: { id: check.id, name: check.name },
      kind: flaky ? 'flaky_test' : kind,
      evidence: evidence.slice(0, 5).map(line => line.slice(0, 300)),
      failedTests,
    };
  };
  if (
    ['timed_out', 'cancelled', 'startup_failure', 'stale'].includes(
      check.conclusion,
    )
  ) {
    return result('infrastructure', [
      `The check run ended ${check.conclusion}`,
    ]);
  }
  for (const sign of SIGNS) {
    const matching = lines.filter(line => sign.lines.test(line));
    if (matching.length > 0) return result(sign.kind, matching);
  }
  for (const sign of SIGNS) {
    if (sign.names?.test(check.name)) {
      return result(sign.kind, [
        `The check is named ${check.name}`,
        ...lines.slice(0, 4),
      ]);
    }
  }
  return result('unknown', lines.slice(0, 5));
}
