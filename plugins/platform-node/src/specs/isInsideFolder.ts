import { isAbsolute, relative, sep } from 'node:path';

/** Whether `path` is `root` or lies under it; both are real paths. */
export function isInsideFolder(root: string, path: string): boolean {
  const rel = relative(root, path);
  return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}
