#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark for `catalyst agents-md`: builds a 10,000-file repository with
// 2,000 commits and a 200,000-file repository with 5,000 commits in temp
// folders (git fast-import), then times analysis and AGENTS.md generation.
// Run by hand: node bench/agents-md/run.js [--only 10000|200000] [--runs N] [--keep]
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const { analyzeRepository, generateAgentsMd } = require(join(
  repoRoot,
  'packages/repo-analyzer/src',
));

/** The repositories: files, commits, packages, and the worst total allowed. */
const CASES = [
  { files: 10_000, commits: 2_000, packages: 50, limitMs: 5_000 },
  { files: 200_000, commits: 5_000, packages: 400, limitMs: 60_000 },
];
let FILES = CASES[0].files;
let COMMITS = CASES[0].commits;
let PACKAGES = CASES[0].packages;
const TYPES = ['feat', 'fix', 'chore', 'docs', 'refactor', 'test'];

/** The repository's files: a Yarn monorepo of 50 packages with sources and tests. */
function fileAt(index) {
  if (index === 0) {
    return [
      'package.json',
      JSON.stringify(
        {
          name: 'bench',
          private: true,
          packageManager: 'yarn@4.5.0',
          workspaces: ['packages/*'],
          scripts: { test: 'jest', lint: 'eslint .', build: 'tsc -b' },
        },
        null,
        2,
      ),
    ];
  }
  if (index === 1) return ['yarn.lock', '__metadata:\n  version: 8\n'];
  if (index === 2)
    return [
      '.github/workflows/ci.yml',
      'on: [pull_request]\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: yarn lint\n      - run: yarn test\n',
    ];
  if (index === 3) return ['.prettierrc', '{ "singleQuote": true }\n'];
  const pkg = index % PACKAGES;
  const n = Math.floor(index / PACKAGES);
  if (n === 0)
    return [
      `packages/pkg-${pkg}/package.json`,
      JSON.stringify({
        name: `@bench/pkg-${pkg}`,
        description: `Package number ${pkg}`,
        scripts: { test: 'jest' },
      }),
    ];
  const test = n % 4 === 0;
  // Large repositories get short files: the analysis reads names and heads, not bodies.
  const body = `export const value${n} = ${n};\n`.repeat(
    FILES > 50_000 ? 2 : 20,
  );
  return [`packages/pkg-${pkg}/src/module-${n}${test ? '.test' : ''}.ts`, body];
}

function fastImportStream() {
  const chunks = [];
  const data = text => {
    const buffer = Buffer.from(text);
    chunks.push(`data ${buffer.length}\n`, buffer, '\n');
  };
  const perCommit = Math.ceil(FILES / COMMITS);
  let file = 0;
  for (let c = 0; c < COMMITS; c++) {
    const type = TYPES[c % TYPES.length];
    chunks.push(
      `commit refs/heads/main\nmark :${
        c + 1
      }\ncommitter Bench <bench@example.com> ${1700000000 + c * 60} +0000\n`,
    );
    data(
      `${type}(pkg-${c % PACKAGES}): change ${c}${
        c % 3 === 0 ? ` (#${c})` : ''
      }`,
    );
    if (c > 0) chunks.push(`from :${c}\n`);
    for (let i = 0; i < perCommit && file < FILES; i++, file++) {
      const [path, content] = fileAt(file);
      chunks.push(`M 100644 inline ${path}\n`);
      data(content);
    }
    if (file >= FILES) {
      // Later commits touch existing files, as real history does.
      const [path] = fileAt(4 + (c % (FILES - 4)));
      chunks.push(`M 100644 inline ${path}\n`);
      data(`export const edited = ${c};\n`);
    }
    chunks.push('\n');
  }
  for (let b = 0; b < 20; b++)
    chunks.push(
      `reset refs/heads/${TYPES[b % 3]}/topic-${b}\nfrom :${COMMITS - b}\n\n`,
    );
  return Buffer.concat(
    chunks.map(c => (typeof c === 'string' ? Buffer.from(c) : c)),
  );
}

function time(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return Promise.resolve(result).then(value => ({
    value,
    ms: Number(process.hrtime.bigint() - start) / 1e6,
  }));
}

async function runCase({ files, commits, packages, limitMs }) {
  FILES = files;
  COMMITS = commits;
  PACKAGES = packages;
  const root = mkdtempSync(join(tmpdir(), 'catalyst-bench-agents-md-'));
  try {
    const setup = Date.now();
    execFileSync('git', ['init', '-q', '-b', 'main', root]);
    execFileSync('git', ['fast-import', '--quiet'], {
      cwd: root,
      input: fastImportStream(),
      maxBuffer: 1 << 30,
    });
    execFileSync('git', ['checkout', '-q', '-f', 'main'], {
      cwd: root,
      maxBuffer: 1 << 28,
    });
    const files = execFileSync('git', ['ls-files'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    })
      .split('\n')
      .filter(Boolean).length;
    const commits = execFileSync('git', ['rev-list', '--count', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    console.log(
      `repository: ${files} files, ${commits} commits (built in ${(
        (Date.now() - setup) /
        1000
      ).toFixed(1)} s) at ${root}`,
    );

    const runs = [];
    const runsArg = process.argv.indexOf('--runs');
    const count = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
    for (let i = 0; i < count; i++) {
      const analysis = await time(() => analyzeRepository(root));
      const generation = await time(() => generateAgentsMd(analysis.value));
      runs.push({
        analysis: analysis.ms,
        generation: generation.ms,
        lines: generation.value.content.split('\n').length,
      });
    }
    runs.forEach((r, i) =>
      console.log(
        `run ${i + 1}${i === 0 ? ' (cold)' : ''}: analysis ${r.analysis.toFixed(
          0,
        )} ms, generation ${r.generation.toFixed(1)} ms, total ${(
          r.analysis + r.generation
        ).toFixed(0)} ms, AGENTS.md ${r.lines} lines`,
      ),
    );
    if (runs.length === 0) return;
    const worst = Math.max(...runs.map(r => r.analysis + r.generation));
    console.log(
      `worst total: ${(worst / 1000).toFixed(2)} s (target: under ${
        limitMs / 1000
      } s) ${worst < limitMs ? 'OK' : 'OVER TARGET'}\n`,
    );
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const only = process.argv.indexOf('--only');
  const wanted = only >= 0 ? Number(process.argv[only + 1]) : undefined;
  for (const c of CASES) {
    if (wanted === undefined || c.files === wanted) await runCase(c);
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
