#!/usr/bin/env node
/* eslint-disable no-console */
// Accuracy of @catalyst/release on real history: for the last ten releases of
// each repository in repositories.js, plan the release of the tag-to-tag range
// and compare with the maintainers' CHANGELOG.md section at the release tag.
// Run by hand: node bench/release/run.js [--verbose] [name-filter]
// The repositories are cloned from local mirrors (CATALYST_MIRROR, default
// /work/.mirror/<owner>+<name>/repo) into a temp folder removed afterwards.
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const semver = require('semver');
const { planRelease, parseReleaseTag } = require(join(
  repoRoot,
  'packages/release/src',
));
const repositories = require('./repositories');

const RELEASES = 10;
const mirrorRoot = process.env.CATALYST_MIRROR ?? '/work/.mirror';
const verbose = process.argv.includes('--verbose');
const filter = process.argv.slice(2).find(a => !a.startsWith('--'));

const git = (dir, ...args) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });

/** The maintainers' section for a version: from its heading to the next version heading. */
function maintainerSection(changelog, version) {
  const lines = changelog.split('\n');
  const escaped = version.replace(/\./g, '\\.');
  const heading = new RegExp(`^#{1,3} \\[?v?${escaped}\\]?(?:[\\s(]|$)`);
  const start = lines.findIndex(l => heading.test(l));
  if (start < 0) return undefined;
  let end = lines.findIndex(
    (l, i) => i > start && /^#{1,3} \[?v?\d+\.\d+\.\d+/.test(l),
  );
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end);
}

/** One listed entry per top-level bullet that references a pull request or a commit. */
function listedEntries(section) {
  const entries = [];
  let heading = '';
  for (const line of section) {
    if (/^#{2,4} /.test(line)) heading = line.replace(/^#+\s*/, '');
    if (!/^[*-] /.test(line)) continue;
    const pr =
      /(?:issues|pull)\/(\d+)\)/.exec(line) ??
      /\(#(\d+)\)/.exec(line) ??
      /^[*-] #(\d+)/.exec(line);
    const hash =
      /commit\/([0-9a-f]{7,40})\)/.exec(line) ??
      /^[*-] ([0-9a-f]{7,40}):/.exec(line);
    if (!pr && !hash) continue;
    entries.push({
      heading,
      line,
      pr: pr ? Number(pr[1]) : undefined,
      hash: hash?.[1],
    });
  }
  return entries;
}

const found = (listed, entries) =>
  entries.some(
    e =>
      (listed.pr !== undefined && e.pr === listed.pr) ||
      (listed.hash && e.hash.startsWith(listed.hash)),
  );

async function benchRepository(spec, work) {
  const mirror = join(mirrorRoot, spec.name.replace('/', '+'), 'repo');
  if (!existsSync(mirror)) return { spec, missing: mirror };
  const dir = join(work, spec.name.replace('/', '+'));
  git(work, 'clone', '--quiet', '--no-checkout', mirror, dir);
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  const tags = git(dir, 'tag', '--list')
    .split('\n')
    .map(t => t && parseReleaseTag(t))
    .filter(
      t =>
        t &&
        !semver.prerelease(t.version) &&
        (!spec.component || t.component === spec.component),
    )
    .filter(
      t => spec.component || t.component === undefined || spec.anyComponent,
    )
    .sort((a, b) => semver.compare(a.version, b.version));
  const pairs = tags
    .slice(-(RELEASES + 1))
    .map((t, i, all) => [all[i - 1], t])
    .slice(1);
  const rows = [];
  for (const [previous, current] of pairs) {
    const plan = await planRelease({
      dir,
      from: previous.tag,
      to: current.tag,
      date: '2000-01-01',
    });
    const changelog = git(
      dir,
      'show',
      `${current.tag}:${spec.changelog ?? 'CHANGELOG.md'}`,
    );
    const section = maintainerSection(changelog, current.version) ?? [];
    const listed = listedEntries(section);
    const missed = listed.filter(l => !found(l, plan.entries));
    const extra = plan.entries.filter(
      e =>
        !listed.some(
          l =>
            (l.pr !== undefined && l.pr === e.pr) ||
            (l.hash && e.hash.startsWith(l.hash)),
        ),
    );
    rows.push({
      previous,
      current,
      plan,
      listed,
      missed,
      extra,
      sectionFound: section.length > 0,
    });
  }
  return { spec, head, rows };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'catalyst-release-bench-'));
  const results = [];
  try {
    for (const spec of repositories.filter(
      r => !filter || r.name.includes(filter),
    )) {
      results.push(await benchRepository(spec, work));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const table = [
    '| repository | language | tool | commit | releases | exact versions | entries found | extra entries |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  let versions = 0;
  let exact = 0;
  let listedTotal = 0;
  let foundTotal = 0;
  for (const result of results) {
    if (result.missing) {
      console.log(`${result.spec.name}: no mirror at ${result.missing}`);
      continue;
    }
    const { spec, head, rows } = result;
    const ok = rows.filter(
      r => r.plan.nextVersion === r.current.version,
    ).length;
    const listed = rows.reduce((n, r) => n + r.listed.length, 0);
    const missed = rows.reduce((n, r) => n + r.missed.length, 0);
    const extra = rows.reduce((n, r) => n + r.extra.length, 0);
    versions += rows.length;
    exact += ok;
    listedTotal += listed;
    foundTotal += listed - missed;
    const range = `${rows[0]?.current.tag} … ${rows.at(-1)?.current.tag}`;
    table.push(
      `| ${spec.name} | ${spec.language} | ${spec.tool} | \`${head.slice(
        0,
        12,
      )}\` | ${rows.length} (${range}) | ${ok}/${rows.length} | ${
        listed - missed
      }/${listed} (${pct(listed - missed, listed)}) | ${extra} |`,
    );
    for (const row of rows) {
      const wrong = row.plan.nextVersion !== row.current.version;
      if (!wrong && !row.missed.length && !row.extra.length && !verbose)
        continue;
      console.log(
        `${spec.name} ${row.previous.tag} -> ${row.current.tag}: planned ${
          row.plan.nextVersion
        } (${row.plan.bump}${row.plan.previousVersion ? '' : ', no previous'})${
          wrong ? ' WRONG VERSION' : ''
        }${row.sectionFound ? '' : ' (no maintainer section)'}`,
      );
      for (const m of row.missed)
        console.log(`   missed: ${m.line.slice(0, 160)}`);
      for (const e of row.extra)
        console.log(
          `   extra:  ${e.type}${e.scope ? `(${e.scope})` : ''}: ${e.subject
            .split('\n')[0]
            .slice(0, 100)} ${e.hash.slice(0, 7)} #${e.pr ?? '-'}`,
        );
    }
  }
  table.push(
    `| **all** | | | | ${versions} | ${exact}/${versions} (${pct(
      exact,
      versions,
    )}) | ${foundTotal}/${listedTotal} (${pct(foundTotal, listedTotal)}) | |`,
  );
  console.log(`\n${table.join('\n')}`);
}

function pct(a, b) {
  return b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a';
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
