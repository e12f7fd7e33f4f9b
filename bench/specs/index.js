#!/usr/bin/env node
/* eslint-disable no-console */
// Spec index benchmark: see README.md in this folder.
require('@backstage/cli/config/nodeTransform.cjs');

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { readSpecs, parseSpecFolderName } = require('@catalyst/spec-kit');
const { unified } = require('unified');
const remarkParse = require('remark-parse').default;

const { buildSpecTree, DEFAULT_CORPUS } = require('./tree');

const corpus = path.resolve(process.argv[2] ?? DEFAULT_CORPUS);
const folderCount = Number(process.env.SPEC_FOLDERS ?? 2000);

/** Every markdown file inside a spec folder: the files the index reads as markdown. */
function markdownFiles(specsDir) {
  const files = [];
  const collect = dir => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) collect(abs);
      else if (entry.name.endsWith('.md')) files.push(abs);
    }
  };
  const findFolders = dir => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      if (parseSpecFolderName(entry.name)) collect(abs);
      else findFolders(abs);
    }
  };
  findFolders(specsDir);
  return files;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`.padStart(9);
}

/**
 * Run in a child process of its own (`SPEC_BENCH_MEMORY=1`, with
 * `--expose-gc`): builds a tree of `folderCount` folders, indexes it once and
 * prints the process's memory as JSON. The peak resident set while indexing
 * less what the result keeps is the indexer's working memory.
 */
function measureMemory() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-bench-memory-'));
  try {
    const repo = path.join(tmp, 'repo');
    buildSpecTree(repo, { corpus, folderCount });
    global.gc();
    const before = process.memoryUsage();
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const index = readSpecs(repo);
    const peakAfter = process.resourceUsage().maxRSS * 1024;
    global.gc();
    const after = process.memoryUsage();
    console.log(
      JSON.stringify({
        folders: index.specs.length,
        rssBefore: before.rss,
        peakRss: Math.max(peakBefore, peakAfter),
        retainedHeap: after.heapUsed - before.heapUsed,
      }),
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`.padStart(9);
}

/** Indexes trees of a quarter, half and all of `folderCount` folders, each in a fresh process. */
function memoryRuns() {
  const sizes = [
    Math.round(folderCount / 4),
    Math.round(folderCount / 2),
    folderCount,
  ];
  const runs = [];
  for (const size of sizes) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', __filename, corpus],
      {
        env: {
          ...process.env,
          SPEC_FOLDERS: String(size),
          SPEC_BENCH_MEMORY: '1',
        },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    if (child.status !== 0) {
      throw new Error(`Memory run of ${size} folders failed: ${child.stderr}`);
    }
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop()));
  }
  for (const run of runs) {
    const working = run.peakRss - run.rssBefore - run.retainedHeap;
    console.log(
      `memory, ${String(run.folders).padStart(5)} folders: peak RSS ${mb(
        run.peakRss,
      )}, +${mb(run.peakRss - run.rssBefore)} while indexing, result ${mb(
        run.retainedHeap,
      )} (${(run.retainedHeap / run.folders / 1024).toFixed(
        1,
      )} KB/folder), working set ${mb(working)}`,
    );
  }
  // Flat: the working set does not grow with the tree (within 25% plus 32 MB of noise).
  const first = runs[0];
  const last = runs[runs.length - 1];
  const workingFirst = first.peakRss - first.rssBefore - first.retainedHeap;
  const workingLast = last.peakRss - last.rssBefore - last.retainedHeap;
  const flat = workingLast <= workingFirst * 1.25 + 32 * 1024 * 1024;
  console.log(
    `memory:              working set ${mb(workingFirst).trim()} at ${
      first.folders
    } folders, ${mb(workingLast).trim()} at ${last.folders} (target: flat)  ${
      flat ? 'PASS' : 'FAIL'
    }`,
  );
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-bench-'));
  try {
    const repo = path.join(tmp, 'repo');
    const sourceCount = buildSpecTree(repo, { corpus, folderCount });
    const files = markdownFiles(path.join(repo, 'specs'));
    const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
    // readSpecs trusts a file's stat once it is two seconds old (a coarse
    // clock could hide a write in the same tick): let the new tree settle, as
    // a checkout at rest has.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100);

    let start = performance.now();
    const first = readSpecs(repo);
    const fullMs = performance.now() - start;

    start = performance.now();
    const second = readSpecs(repo, { previous: first });
    const unchangedMs = performance.now() - start;
    const reused = second.specs.filter((spec, i) => spec === first.specs[i]);

    const tasks = first.specs.reduce((sum, spec) => sum + spec.counts.total, 0);
    const unchangedShare = unchangedMs / fullMs;
    console.log(`corpus:               ${corpus} (${sourceCount} folders)`);
    console.log(
      `tree:                 ${first.specs.length} spec folders, ${
        files.length
      } markdown files, ${(bytes / 1024 / 1024).toFixed(1)} MB of markdown`,
    );
    console.log(`tasks indexed:        ${tasks}`);
    console.log(`full index:          ${seconds(fullMs)}`);
    console.log(
      `unchanged re-index:  ${seconds(unchangedMs)}  ${(
        unchangedShare * 100
      ).toFixed(1)}% of the full index (target < 5%), ${reused.length}/${
        second.specs.length
      } folders reused  ${
        unchangedShare < 0.05 && reused.length === second.specs.length
          ? 'PASS'
          : 'FAIL'
      }`,
    );
    const processor = unified().use(remarkParse);
    let bareMs = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      start = performance.now();
      processor.parse(text);
      bareMs += performance.now() - start;
    }

    const parseShare = fullMs / bareMs;
    console.log(
      `bare remark parse:   ${seconds(
        bareMs,
      )}  full index takes ${parseShare.toFixed(3)}x of it (target <= 0.1x)  ${
        parseShare <= 0.1 ? 'PASS' : 'FAIL'
      }`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (process.env.SPEC_BENCH_SKIP_MEMORY !== '1') memoryRuns();
}

if (process.env.SPEC_BENCH_MEMORY === '1') measureMemory();
else main();
