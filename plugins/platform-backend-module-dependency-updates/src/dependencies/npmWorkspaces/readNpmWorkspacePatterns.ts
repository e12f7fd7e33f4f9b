/**
 * The workspace globs of a repository root: package.json `workspaces`
 * (an array, or Yarn's `{ packages: [...] }`), else the `packages` list of
 * pnpm-workspace.yaml. No workspaces gives an empty list; a package.json
 * that is not JSON throws.
 */
export function readNpmWorkspacePatterns(files: {
  packageJson?: string;
  pnpmWorkspaceYaml?: string;
}): string[] {
  if (files.packageJson !== undefined) {
    const { workspaces } = JSON.parse(files.packageJson) as {
      workspaces?: unknown;
    };
    const list = Array.isArray(workspaces)
      ? workspaces
      : (workspaces as { packages?: unknown } | undefined)?.packages;
    if (Array.isArray(list) && list.length > 0) {
      return list.filter((item): item is string => typeof item === 'string');
    }
  }
  return files.pnpmWorkspaceYaml
    ? readPnpmWorkspacePackages(files.pnpmWorkspaceYaml)
    : [];
}

/** The block list under pnpm-workspace.yaml's top-level `packages:` key. */
function readPnpmWorkspacePackages(text: string): string[] {
  const patterns: string[] = [];
  let inPackages = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inPackages = /^packages\s*:\s*$/.test(line);
      continue;
    }
    const item = inPackages && /^\s+-\s+(.+?)\s*$/.exec(line);
    if (item) patterns.push(item[1].replace(/^(['"])(.*)\1$/, '$2'));
  }
  return patterns;
}
