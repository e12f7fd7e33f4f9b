import { goReleaseVersion } from './GoProxyClient';

/** A direct requirement of go.mod at a release version. */
export interface GoRequirement {
  modulePath: string;
  /** `v1.2.3` as written. */
  version: string;
  /** The same as semver: `1.2.3`. */
  semver: string;
}

const DIRECTIVE = /^(require|replace)\s*(\()?\s*(.*)$/;

/**
 * The direct requirements of a go.mod at release versions; indirect ones,
 * replaced modules, pseudo-versions and `+incompatible` are left out.
 */
export function readGoModRequires(text: string): GoRequirement[] {
  const requires: { modulePath: string; version: string }[] = [];
  const replaced = new Set<string>();
  let block: string | undefined;
  for (const rawLine of text.split('\n')) {
    const indirect = /\/\/\s*indirect\b/.test(rawLine);
    const line = rawLine.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    let entry: string | undefined;
    let kind = block;
    if (block) {
      if (line === ')') {
        block = undefined;
        continue;
      }
      entry = line;
    } else {
      const directive = DIRECTIVE.exec(line);
      if (!directive) continue;
      kind = directive[1];
      if (directive[2]) {
        block = kind;
        continue;
      }
      entry = directive[3];
    }
    const [modulePath, version] = entry.split(/\s+/);
    if (kind === 'replace') replaced.add(modulePath);
    else if (!indirect && modulePath && version) {
      requires.push({ modulePath, version });
    }
  }
  return requires.flatMap(({ modulePath, version }) => {
    const release = goReleaseVersion(version);
    if (!release || replaced.has(modulePath)) return [];
    return [{ modulePath, version, semver: release }];
  });
}
