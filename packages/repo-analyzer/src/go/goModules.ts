import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { isFixturePath } from '../checkout/fixturePaths';

/** A go.mod and what it requires. */
export interface GoModule {
  dir: string;
  file: string;
  path: string;
  requires: Map<string, { version: string; line: number }>;
}

/** Reads every go.mod of the checkout, except those of test fixtures and sample repositories. */
export function readGoModules(checkout: Checkout): GoModule[] {
  const modules: GoModule[] = [];
  for (const file of checkout.files
    .map(f => f.path)
    .filter(
      p => (p === 'go.mod' || p.endsWith('/go.mod')) && !isFixturePath(p),
    )) {
    const text = checkout.readText(file);
    if (text === undefined) continue;
    const path = /^module\s+(\S+)/m.exec(text)?.[1];
    if (!path) {
      checkout.warn(file, 'go.mod has no module line', 1);
      continue;
    }
    const requires = new Map<string, { version: string; line: number }>();
    let inBlock = false;
    text.split('\n').forEach((raw, index) => {
      // Indirect requirements are dependencies of dependencies, not choices of this module.
      if (/\/\/\s*indirect\b/.test(raw)) return;
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (/^require\s*\($/.test(line)) inBlock = true;
      else if (inBlock && line === ')') inBlock = false;
      const match = inBlock
        ? /^(\S+)\s+(v\S+)/.exec(line)
        : /^require\s+(\S+)\s+(v\S+)/.exec(line);
      if (match) requires.set(match[1], { version: match[2], line: index + 1 });
    });
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    modules.push({ dir, file, path, requires });
  }
  return modules;
}

/** The `// Package x ...` (or `// Command x ...`) doc comment of a Go package, first sentence. */
export function goPackageDoc(
  checkout: Checkout,
  dir: string,
): { text: string; file: string; line: number } | undefined {
  const prefix = dir ? `${dir}/` : '';
  const files = checkout
    .filesIn(dir)
    .map(f => f.path)
    .filter(p => p.endsWith('.go') && !p.endsWith('_test.go'))
    .sort(
      (a, b) =>
        Number(b === `${prefix}doc.go`) - Number(a === `${prefix}doc.go`) ||
        a.localeCompare(b),
    );
  for (const file of files) {
    const head = checkout.readHead(file, 4096);
    if (!head) continue;
    const lines = head.split('\n');
    const packageLine = lines.findIndex(l => /^package\s+\w+/.test(l));
    if (packageLine <= 0) continue;
    let start = packageLine;
    while (start > 0 && lines[start - 1].startsWith('//')) start--;
    const comment = lines
      .slice(start, packageLine)
      .filter(l => !/^\/\/\s*(go:|\+build|nolint)/.test(l))
      .map(l => l.replace(/^\/\/\s?/, ''))
      .join(' ')
      .trim();
    if (
      /^(Package|Command)\s/.test(comment) ||
      (comment && /^package\s+main/.test(lines[packageLine]))
    ) {
      return { text: firstSentence(comment), file, line: start + 1 };
    }
  }
  return undefined;
}

/** The first sentence of a doc comment, at most 160 characters. */
export function firstSentence(text: string): string {
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > 160 ? `${sentence.slice(0, 157)}...` : sentence;
}

/** True when a folder holds a `package main`. */
export function isMainPackage(checkout: Checkout, dir: string): boolean {
  return checkout
    .filesIn(dir)
    .some(
      f =>
        f.path.endsWith('.go') &&
        !f.path.endsWith('_test.go') &&
        /^package main\b/m.test(checkout.readHead(f.path, 4096) ?? ''),
    );
}
