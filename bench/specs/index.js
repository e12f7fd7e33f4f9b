#!/usr/bin/env node
/* eslint-disable no-console */
// Spec index benchmark: see README.md in this folder.
require('@backstage/cli/config/nodeTransform.cjs');

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

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-bench-'));
  try {
    const repo = path.join(tmp, 'repo');
    const sourceCount = buildSpecTree(repo, { corpus, folderCount });
    const files = markdownFiles(path.join(repo, 'specs'));
    const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);

    let start = performance.now();
    const first = readSpecs(repo);
    const fullMs = performance.now() - start;

    start = performance.now();
    const second = readSpecs(repo, { previous: first });
    const unchangedMs = performance.now() - start;
    const reused = second.specs.filter((spec, i) => spec === first.specs[i]);

    const processor = unified().use(remarkParse);
    let bareMs = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      start = performance.now();
      processor.parse(text);
      bareMs += performance.now() - start;
    }

    const tasks = first.specs.reduce((sum, spec) => sum + spec.counts.total, 0);
    const unchangedShare = unchangedMs / fullMs;
    const parseShare = fullMs / bareMs;
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
    console.log(
      `bare remark parse:   ${seconds(
        bareMs,
      )}  full index takes ${parseShare.toFixed(2)}x of it (target <= 1x)  ${
        parseShare <= 1 ? 'PASS' : 'FAIL'
      }`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
