import { posix } from 'node:path';

/** Where a set of test files lives and how they are named. */
export interface TestFilesSummary {
  files: number;
  patterns: string[];
  locations: string[];
  colocatedShare: number;
  practices: string[];
}

/** `*.test.ts`, `*_spec.rb`, `test_*.py`, `__tests__/*.ts` for one test file. */
export function testFilePattern(path: string): string {
  const name = posix.basename(path);
  if (path.includes('/__tests__/') || path.startsWith('__tests__/')) {
    const ext = name.slice(name.lastIndexOf('.'));
    return /\.(test|spec)\./.test(name)
      ? `__tests__/*${name.slice(name.search(/\.(test|spec)\./))}`
      : `__tests__/*${ext}`;
  }
  const dotted = /(\.(test|spec|cy|e2e|bench|integration)\.[^/]+)$/.exec(name);
  if (dotted) return `*${dotted[1]}`;
  const suffix = /(_(test|spec)\.[a-z]+)$/.exec(name);
  if (suffix) return `*${suffix[1]}`;
  if (/^test_.*\.py$/.test(name)) return 'test_*.py';
  return `*${name.includes('.') ? name.slice(name.lastIndexOf('.')) : ''}`;
}

/** The file a test most likely tests, beside it: `foo.test.ts` -> `foo`. */
function testedStem(name: string): string {
  return name
    .replace(/\.(test|spec|cy|e2e)(?=\.[^.]+$)/, '')
    .replace(/_(test|spec)(?=\.[^.]+$)/, '')
    .replace(/^test_/, '')
    .replace(/\.[^.]+$/, '');
}

function top<T extends string>(values: T[], limit: number): T[] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([v]) => v);
}

/** The deepest folder (with a trailing slash) holding all of `paths`, or undefined. */
function commonFolder(paths: string[]): string | undefined {
  if (paths.length === 0) return undefined;
  let common = paths[0].split('/').slice(0, -1);
  for (const path of paths.slice(1)) {
    const parts = path.split('/').slice(0, -1);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.length > 0 ? `${common.join('/')}/` : undefined;
}

/**
 * Summarises test files: their name patterns, the top folders that hold them
 * (relative to `base`), and how many sit next to the code they test.
 */
export function summarizeTestFiles(
  paths: string[],
  allFiles: ReadonlySet<string>,
  base = '',
): TestFilesSummary {
  const prefix = base ? `${base}/` : '';
  let colocated = 0;
  const locations: string[] = [];
  for (const path of paths) {
    const relative = path.startsWith(prefix) ? path.slice(prefix.length) : path;
    const segments = relative.split('/');
    let location = segments.length > 1 ? `${segments[0]}/` : './';
    if (
      (segments[0] === 'src' ||
        segments[0] === 'lib' ||
        segments[0] === 'app') &&
      segments.length > 2 &&
      /^(__tests__|tests?|spec|e2e)$/.test(segments[1])
    ) {
      location = `${segments[0]}/${segments[1]}/`;
    } else if (
      segments[0] === 'tests' ||
      segments[0] === 'test' ||
      segments[0] === 'spec'
    ) {
      location = `${segments[0]}/`;
    }
    locations.push(`${prefix}${location === './' ? '' : location}` || './');
    const dir = posix.dirname(path);
    const name = posix.basename(path);
    const stem = testedStem(name);
    const ext = name.slice(name.lastIndexOf('.'));
    const siblingDirs =
      posix.basename(dir) === '__tests__' ? [posix.dirname(dir)] : [dir];
    const candidates = siblingDirs.flatMap(d =>
      [
        ext,
        '.ts',
        '.tsx',
        '.js',
        '.jsx',
        '.go',
        '.py',
        '.rb',
        '.rs',
        '.vue',
        '.svelte',
      ].map(e => (d === '.' ? `${stem}${e}` : `${d}/${stem}${e}`)),
    );
    if (candidates.some(c => c !== path && allFiles.has(c))) colocated++;
  }
  // Tests all under one deeper folder (packages/app/e2e-tests/) are located there.
  const common = commonFolder(paths);
  const deeper =
    common &&
    common.length > prefix.length &&
    common.split('/').length > prefix.split('/').length + 1;
  const practices: string[] = [];
  const under = (file: string) => !prefix || file.startsWith(prefix);
  let snapshots = false;
  let golden = false;
  for (const file of allFiles) {
    if (!under(file)) continue;
    if (!snapshots && file.includes('/__snapshots__/')) snapshots = true;
    if (!golden && /\.golden$/.test(file)) golden = true;
  }
  if (paths.length > 0 && snapshots)
    practices.push('snapshot tests (`__snapshots__/`)');
  if (paths.length > 0 && golden) practices.push('golden files (`*.golden`)');
  return {
    practices,
    files: paths.length,
    patterns: top(paths.map(testFilePattern), 3),
    locations: deeper ? [common] : top(locations, 3),
    colocatedShare: paths.length
      ? Math.round((colocated / paths.length) * 100) / 100
      : 0,
  };
}
