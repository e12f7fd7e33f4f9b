import { Checkout } from '../checkout/Checkout';

/** A gem named in the Gemfile. */
export interface GemEntry {
  name: string;
  line: number;
  /** Exact version from Gemfile.lock, when locked. */
  locked?: string;
}

/** Gems of the Gemfile with their lines, and locked versions from Gemfile.lock. */
export function readGems(
  checkout: Checkout,
  dir = '',
): { gems: Map<string, GemEntry>; file: string } | undefined {
  const file = dir ? `${dir}/Gemfile` : 'Gemfile';
  const text = checkout.readText(file);
  if (text === undefined) return undefined;
  const gems = new Map<string, GemEntry>();
  text.split('\n').forEach((line, index) => {
    const match = /^\s*gem\s+["']([^"']+)["']/.exec(line);
    if (match && !gems.has(match[1]))
      gems.set(match[1], { name: match[1], line: index + 1 });
  });
  const lock = checkout.readText(`${file}.lock`);
  if (lock) {
    for (const match of lock.matchAll(
      /^ {4}([A-Za-z0-9_.-]+) \(([^)]+)\)$/gm,
    )) {
      const gem = gems.get(match[1]);
      if (gem && !gem.locked) gem.locked = match[2];
    }
    // Gems pulled in by others (rails brings railties), for version lookups.
    for (const match of lock.matchAll(
      /^ {4}([A-Za-z0-9_.-]+) \(([^)]+)\)$/gm,
    )) {
      if (!gems.has(match[1]))
        gems.set(match[1], { name: match[1], line: 0, locked: match[2] });
    }
  }
  return { gems, file };
}
