/* eslint-disable no-console */
// The GitHub simulator of the org-sync bench, in a process of its own (see README.md): the
// backend's process then holds the backend alone (its RSS is the backend's), and the
// simulator's git processes are not forked from the backend's heap. Driven over IPC by run.js.
const { resolve, join, relative } = require('node:path');
const fs = require('node:fs');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));

const { GithubSimulator } = require('@catalyst/github-simulator');

const { REPOS, CORPUS, LIMIT, ORG } = JSON.parse(process.argv[2]);
// Repositories are written in batches, one `git fast-import` each, to keep the stream's files small.
const BATCH = 250;

/** The corpus's spec folders, each as { name, files }, read in place. */
function corpusFolders() {
  const folders = [];
  for (const entry of fs.readdirSync(CORPUS, { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d{3}-/.test(entry.name)) continue;
    const abs = join(CORPUS, entry.name);
    const files = {};
    const visit = dir => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) visit(p);
        else files[relative(abs, p)] = fs.readFileSync(p, 'utf8');
      }
    };
    visit(abs);
    folders.push({ name: entry.name, files });
  }
  if (folders.length === 0) throw new Error(`No spec folders in ${CORPUS}`);
  return folders;
}

/** Repository i: a catalog-info.yaml, a TypeScript service whose convention files drift by i. */
function repositoryFiles(i, name, folders) {
  const files = {
    'catalog-info.yaml': [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      '  annotations:',
      `    github.com/project-slug: ${ORG}/${name}`,
      'spec:',
      '  type: service',
      `  owner: team-${i % 20}`,
      '  lifecycle: production',
      '',
    ].join('\n'),
    'package.json': `${JSON.stringify(
      { name, private: true, scripts: { test: 'jest' } },
      null,
      2,
    )}\n`,
    'src/index.ts': `export const id = ${i};\n`,
    'src/index.test.ts': `test('id', () => expect(${i}).toBe(${i}));\n`,
  };
  // Varied drift: some follow a convention file, some differ, some lack it.
  if (i % 3 === 0) files['.editorconfig'] = 'root = true\n';
  if (i % 4 === 1)
    files['.editorconfig'] =
      'root = true\n[*]\nindent_style = space\nindent_size = 2\n';
  if (i % 5 === 0) files['.gitignore'] = 'node_modules\ndist\n';
  if (i % 2 === 0) files['AGENTS.md'] = `# ${name}\n\nRun \`yarn test\`.\n`;
  // A third hold spec folders from the corpus (two or three each).
  if (i % 3 === 0) {
    const count = 2 + (i % 2);
    for (let k = 0; k < count; k++) {
      const folder = folders[(i + k) % folders.length];
      const number = String(k + 1).padStart(3, '0');
      const short = folder.name.replace(/^\d{3}-/, '');
      for (const [path, content] of Object.entries(folder.files)) {
        files[`specs/${number}-${short}/${path}`] = content;
      }
    }
  }
  return files;
}

/** The simulator's request log from `from` on: counted, 304, git, rate limited, by operation. */
function tally(github, from) {
  const out = {
    counted: 0,
    notModified: 0,
    git: 0,
    rateLimited: 0,
    byOperation: {},
  };
  for (const r of github.requests.slice(from)) {
    if (r.operation === 'git') out.git++;
    else if (r.status === 304) out.notModified++;
    if (r.counted) out.counted++;
    if (r.status === 403 || r.status === 429) out.rateLimited++;
    const key = `${r.operation ?? r.method} ${r.status}`;
    out.byOperation[key] = (out.byOperation[key] ?? 0) + 1;
  }
  return out;
}

async function main() {
  const github = await GithubSimulator.start({
    token: 'ghs_org_sync',
    rateLimit: { limit: LIMIT, windowMs: 60 * 60 * 1000 },
  });
  process.on('disconnect', () => {
    github.stop().finally(() => process.exit(0));
  });
  process.on('message', message => {
    if (message.type === 'tally') {
      process.send({
        type: 'tally',
        length: github.requests.length,
        tally: tally(github, message.from ?? 0),
      });
    }
  });
  const folders = corpusFolders();
  const started = Date.now();
  const names = [];
  let specFolders = 0;
  for (let from = 0; from < REPOS; from += BATCH) {
    const batch = [];
    for (let i = from; i < Math.min(REPOS, from + BATCH); i++) {
      const name = `svc-${String(i).padStart(4, '0')}`;
      const files = repositoryFiles(i, name, folders);
      specFolders += new Set(
        Object.keys(files)
          .filter(p => p.startsWith('specs/'))
          .map(p => p.split('/')[1]),
      ).size;
      batch.push({
        fullName: `${ORG}/${name}`,
        commits: [{ message: `feat(${name}): first`, files }],
      });
      names.push(name);
    }
    await github.createRepositories(batch);
    process.send({ type: 'progress', created: names.length });
  }
  process.send({
    type: 'ready',
    names,
    specFolders,
    corpusFolders: folders.length,
    setupSeconds: (Date.now() - started) / 1000,
    integration: github.integrationConfig(),
    web: github.urls.web,
    setupRequests: github.requests.length,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
