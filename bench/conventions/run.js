#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark for `catalyst conventions`: builds a 10,000-file TypeScript
// repository in a temp folder, then times the drift scan. Run by hand:
// node bench/conventions/run.js
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const { performance } = require('node:perf_hooks');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const {
  defaultConventionPacks,
  detectConventionDrift,
  typescriptConventionPack,
} = require(join(repoRoot, 'packages/conventions/src'));

const FILES = 10_000;
const FILES_PER_FOLDER = 25;
const RUNS = 3;

function write(dir, path, content) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

/** Standard files (two drifted, one missing), catalyst.yaml, then sources and tests. */
function buildRepository(dir) {
  let count = 0;
  for (const file of typescriptConventionPack.files) {
    if (file.path === '.github/CODEOWNERS') continue;
    let content = file.content;
    if (file.path === '.prettierrc.json') content = '{"printWidth": 120}';
    if (file.path === '.editorconfig') content = content.replace('= 2', '= 4');
    write(dir, file.path, content);
    count++;
  }
  write(dir, 'package.json', '{"name":"bench","private":true}\n');
  write(
    dir,
    'catalyst.yaml',
    "conventions:\n  ignore: ['src/generated/**']\n  rules:\n    prettier: false\n",
  );
  write(dir, '.git/HEAD', 'ref: refs/heads/feat/bench\n');
  count += 3;
  for (let i = 0; count < FILES; i++) {
    const folder =
      i % 40 === 0 ? `src/generated/g${i}` : `src/area${i % 20}/module${i}`;
    for (let f = 0; f < FILES_PER_FOLDER && count < FILES; f++, count++) {
      // Every seventh module has no tests, so the test rule has drift to report.
      const isTest = f % 2 === 1 && i % 7 !== 0;
      write(
        dir,
        `${folder}/file${f}${isTest ? '.test' : ''}.ts`,
        `export const value${f} = ${f};\n`,
      );
    }
  }
  return count;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-bench-conventions-'));
  try {
    const started = performance.now();
    const files = buildRepository(dir);
    console.log(
      `repository: ${files} files (built in ${(
        (performance.now() - started) /
        1000
      ).toFixed(1)} s)`,
    );
    let worst = 0;
    for (let run = 1; run <= RUNS; run++) {
      const t0 = performance.now();
      const check = await detectConventionDrift({
        repoDir: dir,
        packs: defaultConventionPacks,
      });
      const ms = performance.now() - t0;
      worst = Math.max(worst, ms);
      const s = check.summary;
      const tests = check.reports.find(r => r.name === 'tests-beside-code');
      console.log(
        `run ${run}${run === 1 ? ' (cold)' : ''}: ${ms.toFixed(0)} ms, ` +
          `${s.pass} pass, ${s.drift} drift, ${s.missing} missing, ${s.overridden} overridden; ` +
          `tests-beside-code: ${tests.evidence[0].split(':')[0]}`,
      );
    }
    console.log(
      `worst scan: ${(worst / 1000).toFixed(2)} s (target: under 2 s) ${
        worst < 2000 ? 'OK' : 'OVER TARGET'
      }`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
