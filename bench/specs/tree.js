// The bench spec tree: a repository whose specs/ holds `folderCount` folders copied
// round-robin from a corpus and renumbered (see README.md). Shared by the spec and MCP benches.
const fs = require('node:fs');
const path = require('node:path');
const { parseSpecFolderName } = require('@catalyst/spec-kit');

/** `shared/corpus/...` beside the repository's clone, or beside the folder holding a worktree of it. */
function defaultCorpus() {
  const tail = path.join(
    'shared',
    'corpus',
    'specs',
    'ncrmro-catalyst',
    'specs',
  );
  for (let dir = path.join(__dirname, '../../..'); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, tail))) return path.join(dir, tail);
    if (path.dirname(dir) === dir)
      return path.join(__dirname, '../../..', tail);
  }
}

/** The corpus beside the repository's checkout (or beside its worktree's folder). */
const DEFAULT_CORPUS = defaultCorpus();

/** The corpus's spec folders, archived ones included. */
function corpusFolders(corpus) {
  const found = [];
  const visit = (dir, archived) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      const name = parseSpecFolderName(entry.name);
      if (name) found.push({ abs, shortName: name.shortName, archived });
      else visit(abs, archived || /^_?archived?$/i.test(entry.name));
    }
  };
  visit(corpus, false);
  return found.sort((a, b) => (a.abs < b.abs ? -1 : 1));
}

/** A repository with `folderCount` spec folders copied round-robin from the corpus, renumbered. */
function buildSpecTree(
  root,
  { corpus = DEFAULT_CORPUS, folderCount = 2000 } = {},
) {
  const sources = corpusFolders(corpus);
  if (sources.length === 0) throw new Error(`No spec folders in ${corpus}`);
  const specs = path.join(root, 'specs');
  fs.mkdirSync(specs, { recursive: true });
  for (const extra of ['.templates', 'AGENTS.md', 'CLAUDE.md']) {
    const from = path.join(corpus, extra);
    if (fs.existsSync(from)) {
      fs.cpSync(from, path.join(specs, extra), { recursive: true });
    }
  }
  const width = Math.max(3, String(folderCount).length);
  for (let i = 0; i < folderCount; i++) {
    const source = sources[i % sources.length];
    const name = `${String(i + 1).padStart(width, '0')}-${source.shortName}`;
    const target = source.archived
      ? path.join(specs, '_archive', name)
      : path.join(specs, name);
    fs.cpSync(source.abs, target, { recursive: true });
  }
  return sources.length;
}

module.exports = { buildSpecTree, DEFAULT_CORPUS };
