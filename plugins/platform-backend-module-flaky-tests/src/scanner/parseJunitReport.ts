/** One test case of a JUnit XML report. */
export interface JunitTestCase {
  /** `<classname> › <name>`, or the name alone. */
  id: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** The failure or error message, for failed cases. */
  message?: string;
}

/** What a JUnit XML report holds: its cases and the time the suite ran, when it says. */
export interface JunitReport {
  timestamp?: Date;
  cases: JunitTestCase[];
}

const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x')) {
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) {
      return String.fromCodePoint(parseInt(entity.slice(1), 10));
    }
    return ENTITIES[entity] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    result[match[1]] = decode(match[3] ?? match[4] ?? '');
  }
  return result;
}

/**
 * Reads the test cases of a JUnit XML report (the format of Jest, pytest,
 * Maven Surefire and go-junit-report): a case with `<failure>` or `<error>`
 * failed, one with `<skipped>` was skipped, any other passed.
 */
export function parseJunitReport(xml: string): JunitReport {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const suite =
    /<testsuites?\b[^>]*\btimestamp\s*=\s*("([^"]*)"|'([^']*)')/.exec(text);
  const stamp = suite ? new Date(suite[2] ?? suite[3]) : undefined;
  const cases: JunitTestCase[] = [];
  const pattern = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase\s*>)/g;
  for (const match of text.matchAll(pattern)) {
    const attrs = attributes(match[1]);
    const body = match[3] ?? '';
    const name = attrs.name ?? '';
    const id = attrs.classname ? `${attrs.classname} › ${name}` : name;
    const failure = /<(failure|error)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1\s*>)/.exec(
      body,
    );
    if (failure) {
      const message =
        attributes(failure[2]).message ??
        decode((failure[4] ?? '').replace(/<!\[CDATA\[|\]\]>/g, '')).trim();
      cases.push({
        id,
        outcome: 'failed',
        message: message.split('\n')[0].slice(0, 500) || undefined,
      });
    } else if (/<skipped\b/.test(body)) {
      cases.push({ id, outcome: 'skipped' });
    } else {
      cases.push({ id, outcome: 'passed' });
    }
  }
  return {
    timestamp: stamp && !isNaN(stamp.getTime()) ? stamp : undefined,
    cases,
  };
}
