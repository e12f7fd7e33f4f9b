import semver from 'semver';
import { DependencyUpdate } from '../types';
import { formatNpmVersionSpec } from './npmVersionSpec';
import { readNpmDependencies } from './readNpmDependencies';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Moves dependencies of a package.json's text to their update's version,
 * keeping the range style and everything else of the file (indentation,
 * key order, other fields) byte for byte. A dependency that is gone, or
 * already at or past the update's version, is left alone.
 */
export function updateNpmManifest(
  text: string,
  updates: Pick<DependencyUpdate, 'name' | 'section' | 'to'>[],
): { text: string; applied: string[] } {
  let result = text;
  const applied: string[] = [];
  for (const update of updates) {
    const current = readNpmDependencies(result).find(
      dep => dep.name === update.name && dep.section === update.section,
    );
    if (!current || !semver.lt(current.parsed.version, update.to)) continue;
    // The section's own key, then the first entry of this name after it.
    const section = new RegExp(`"${escape(update.section)}"\\s*:\\s*\\{`).exec(
      result,
    );
    if (!section) continue;
    const entry = new RegExp(
      `("${escape(update.name)}"\\s*:\\s*")${escape(current.spec)}(")`,
      'y',
    );
    for (let at = section.index + section[0].length; at < result.length; at++) {
      entry.lastIndex = at;
      const match = entry.exec(result);
      if (match) {
        const next = formatNpmVersionSpec(current.parsed, update.to);
        result = `${result.slice(0, at)}${match[1]}${next}${
          match[2]
        }${result.slice(at + match[0].length)}`;
        applied.push(update.name);
        break;
      }
      if (result[at] === '}') break;
    }
  }
  return { text: result, applied };
}
