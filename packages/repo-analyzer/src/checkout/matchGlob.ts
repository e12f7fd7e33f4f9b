/**
 * Turns a workspace glob (`packages/*`, `apps/**`, `crates/foo`) into a
 * regular expression over folder paths. Only `*`, `**` and `?` are needed
 * for workspace and member lists.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Folders among `candidates` matched by the include globs and not by a `!negated` one. */
export function matchFolders(globs: string[], candidates: string[]): string[] {
  const include = globs.filter(g => !g.startsWith('!')).map(globToRegExp);
  const exclude = globs
    .filter(g => g.startsWith('!'))
    .map(g => globToRegExp(g.slice(1)));
  return candidates.filter(
    dir => include.some(r => r.test(dir)) && !exclude.some(r => r.test(dir)),
  );
}
