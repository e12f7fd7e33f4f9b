import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { isFixturePath } from '../checkout/fixturePaths';
import { FileNamingFact } from '../types';

type Style = FileNamingFact['style'];

/** Enough multi-word names to call something a habit. */
const MIN_NAMES = 6;
/** Share of names that must agree. */
const AGREEMENT = 0.8;

/** The style of a file's base name, or undefined for one-word names that fit every style. */
export function nameStyle(stem: string): Style | undefined {
  if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(stem)) return 'kebab-case';
  if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(stem)) return 'snake_case';
  if (/^[A-Z][a-z0-9]+([A-Z][a-z0-9]*)+$/.test(stem)) return 'PascalCase';
  if (/^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/.test(stem)) return 'camelCase';
  return undefined;
}

/**
 * How JavaScript and TypeScript files are named, for components (`.tsx`,
 * `.jsx`, `.vue`, `.svelte`) and modules (`.ts`, `.js`) separately, when at
 * least 80% of the multi-word names agree. Tests, configs and fixtures are
 * left out (`vite.config.ts` says nothing about the code's habits).
 */
export function detectFileNaming(checkout: Checkout): FileNamingFact[] {
  const groups: [string[], RegExp][] = [
    [['.tsx', '.jsx'], /\.(tsx|jsx)$/],
    [['.ts', '.js'], /\.(ts|js|mts|mjs)$/],
  ];
  const facts: FileNamingFact[] = [];
  for (const [extensions, pattern] of groups) {
    const counts = new Map<Style, { count: number; example: string }>();
    let total = 0;
    for (const file of checkout.files) {
      if (
        !pattern.test(file.path) ||
        isFixturePath(file.path) ||
        /\.d\.ts$/.test(file.path)
      )
        continue;
      const stem = posix.basename(file.path).replace(/\.[^.]+$/, '');
      if (stem.includes('.')) continue;
      const style = nameStyle(stem);
      if (!style) continue;
      total++;
      const entry = counts.get(style) ?? { count: 0, example: file.path };
      entry.count++;
      counts.set(style, entry);
    }
    if (total < MIN_NAMES) continue;
    const [style, entry] = [...counts.entries()].sort(
      (a, b) => b[1].count - a[1].count,
    )[0];
    const share = entry.count / total;
    if (share < AGREEMENT) continue;
    facts.push({
      extensions,
      style,
      share: Math.round(share * 100) / 100,
      example: entry.example,
      source: {
        file: entry.example,
        note: `${entry.count} of ${total} multi-word ${extensions.join(
          '/',
        )} names`,
      },
    });
  }
  return facts;
}
