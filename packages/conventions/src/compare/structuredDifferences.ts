/**
 * One place where two parsed documents disagree.
 *
 * @public
 */
export interface StructuredDifference {
  /** JSONPath-like location, e.g. `$.jobs.test.steps[2]`. */
  path: string;
  expected: unknown;
  actual: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  );
}

function keyPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key)
    ? `${parent}.${key}`
    : `${parent}[${JSON.stringify(key)}]`;
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date)
    return a.getTime() === b.getTime();
  return Object.is(a, b);
}

/**
 * Compares parsed documents: key order does not count, array order does.
 * Missing keys have `actual: undefined`, unexpected ones `expected: undefined`.
 *
 * @public
 */
export function structuredDifferences(
  expected: unknown,
  actual: unknown,
  path = '$',
): StructuredDifference[] {
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap(key =>
      structuredDifferences(expected[key], actual[key], keyPath(path, key)),
    );
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    const found: StructuredDifference[] = [];
    for (let i = 0; i < length; i++) {
      found.push(
        ...structuredDifferences(expected[i], actual[i], `${path}[${i}]`),
      );
    }
    return found;
  }
  return sameScalar(expected, actual) ? [] : [{ path, expected, actual }];
}

/**
 * One line of evidence for a difference.
 *
 * @public
 */
export function describeDifference(difference: StructuredDifference): string {
  const show = (value: unknown) =>
    value === undefined ? '(absent)' : JSON.stringify(value);
  return `${difference.path}: expected ${show(
    difference.expected,
  )}, found ${show(difference.actual)}`;
}
