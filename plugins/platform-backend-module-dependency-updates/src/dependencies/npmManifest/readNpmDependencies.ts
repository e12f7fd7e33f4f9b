import { NpmVersionSpec, parseNpmVersionSpec } from './npmVersionSpec';

/** The manifest sections whose dependencies are kept up to date. */
export const NPM_DEPENDENCY_SECTIONS = [
  'dependencies',
  'devDependencies',
] as const;

/** A dependency of package.json whose range this task can move. */
export interface NpmDependency {
  name: string;
  section: (typeof NPM_DEPENDENCY_SECTIONS)[number];
  /** The range as written: `^1.2.0`. */
  spec: string;
  parsed: NpmVersionSpec;
}

/** The movable dependencies of a package.json's text; other specs are skipped. */
export function readNpmDependencies(text: string): NpmDependency[] {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const found: NpmDependency[] = [];
  for (const section of NPM_DEPENDENCY_SECTIONS) {
    const entries = manifest[section];
    if (!entries || typeof entries !== 'object') continue;
    for (const [name, spec] of Object.entries(entries)) {
      if (typeof spec !== 'string') continue;
      const parsed = parseNpmVersionSpec(spec);
      if (parsed) found.push({ name, section, spec, parsed });
    }
  }
  return found;
}
