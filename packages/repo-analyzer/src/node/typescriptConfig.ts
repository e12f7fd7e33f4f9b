import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { TypeScriptFacts } from '../types';
import { lineOf } from '../style/settingsFromText';

interface Options {
  strict?: boolean;
  strictNullChecks?: boolean;
  paths?: Record<string, unknown>;
  baseUrl?: string;
  strictSource?: number;
  file: string;
  packages?: string[];
}

/** compilerOptions of a tsconfig and the local configs it extends (nearest wins). */
function readOptions(checkout: Checkout, file: string, depth = 0): Options {
  const config = asRecord(checkout.readJson(file, true));
  if (!config || depth > 5) return { file };
  const dir = posix.dirname(file);
  const parents = asString(config.extends)
    ? [config.extends as string]
    : asStrings(config.extends);
  let merged: Options = {
    file,
    packages: parents.filter(p => !p.startsWith('.')),
  };
  for (const parent of parents) {
    if (!parent.startsWith('.')) continue;
    const target = posix.normalize(
      posix.join(dir, parent.endsWith('.json') ? parent : `${parent}.json`),
    );
    if (checkout.has(target))
      merged = { ...merged, ...readOptions(checkout, target, depth + 1) };
  }
  const options = asRecord(config.compilerOptions) ?? {};
  const text = checkout.readText(file) ?? '';
  if (typeof options.strict === 'boolean') {
    merged.strict = options.strict;
    merged.strictSource = lineOf(text, '"strict"');
    merged.file = file;
  }
  if (typeof options.strictNullChecks === 'boolean')
    merged.strictNullChecks = options.strictNullChecks;
  if (asRecord(options.paths)) merged.paths = asRecord(options.paths);
  if (asString(options.baseUrl)) merged.baseUrl = options.baseUrl as string;
  return merged;
}

/**
 * TypeScript settings an agent must follow: strict mode and import aliases
 * (`@/*`), from the root tsconfig (or the app config it references).
 */
export function detectTypeScript(
  checkout: Checkout,
  projectDirs: string[],
): TypeScriptFacts | undefined {
  const found: TypeScriptFacts[] = [];
  for (const dir of projectDirs) {
    const candidates = [
      'tsconfig.json',
      'tsconfig.app.json',
      'tsconfig.base.json',
    ].map(n => (dir ? `${dir}/${n}` : n));
    const file = candidates.find(f => checkout.has(f));
    if (!file) continue;
    let options = readOptions(checkout, file);
    if (
      options.strict === undefined &&
      options.strictNullChecks === undefined &&
      !options.paths
    ) {
      const app = candidates.slice(1).find(f => checkout.has(f));
      if (app) options = readOptions(checkout, app);
    }
    const paths = Object.entries(options.paths ?? {})
      .map(([alias, targets]) => ({
        alias,
        target: asStrings(targets)[0] ?? '',
      }))
      .filter(p => p.target)
      .map(p => ({
        alias: p.alias,
        target:
          options.baseUrl && options.baseUrl !== '.'
            ? posix.join(options.baseUrl, p.target)
            : p.target,
      }))
      .sort((a, b) => a.alias.localeCompare(b.alias));
    found.push({
      config: file,
      strict: options.strict,
      strictNullChecks: options.strictNullChecks,
      extends: [...new Set(options.packages ?? [])].sort(),
      paths,
      source: { file: options.file, line: options.strictSource },
    });
  }
  // The config with import aliases is the one the code follows (an app's, when the root has none).
  return (
    found.find(f => f.paths.length > 0) ??
    found.find(
      f => f.strict !== undefined || f.strictNullChecks !== undefined,
    ) ??
    found[0]
  );
}
