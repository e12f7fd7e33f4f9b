#!/usr/bin/env node
/* eslint-disable no-console */
// AGENTS.md quality bench: materializes each pinned repository of repos.json
// (materialize.sh, agent files removed), generates AGENTS.md with
// @catalyst/repo-analyzer, and scores it against the maintainers' derivable
// facts in facts/<name>.json. Run by hand:
//   node bench/agents-md-quality/run.js [--keep] [--out DIR] [name...]
// Prints a table per repository and per stack; writes each generated file to
// <out>/<name>.generated.md so the false-line patterns can be checked by eye.
const { execFileSync } = require('node:child_process');
const {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const here = __dirname;
const repoRoot = resolve(here, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
// AGENTS_MD_ANALYZER points at another copy of the analyzer's src/ (e.g. main's, for a "before" table).
const { analyzeRepository, generateAgentsMd } = require(process.env
  .AGENTS_MD_ANALYZER
  ? resolve(process.env.AGENTS_MD_ANALYZER)
  : join(repoRoot, 'packages/repo-analyzer/src'));

function parseArgs(argv) {
  const args = { keep: false, out: undefined, names: [], reuse: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--keep') args.keep = true;
    else if (argv[i] === '--reuse') args.reuse = true;
    else if (argv[i] === '--out') args.out = argv[++i];
    else args.names.push(argv[i]);
  }
  return args;
}

/** A fact is stated when every one of its `all` patterns matches the generated file (case-insensitive). */
function isStated(fact, text) {
  return fact.all.every(p => new RegExp(p, 'im').test(text));
}

/** Lines of the generated file that match a known-false pattern of the repository. */
function falseLines(patterns, text) {
  const lines = text.split('\n');
  const hits = [];
  for (const f of patterns) {
    const re = new RegExp(f.pattern, 'i');
    for (const line of lines) if (re.test(line)) hits.push({ id: f.id, line });
  }
  return hits;
}

function pad(value, width, right = false) {
  const s = String(value);
  return right ? s.padStart(width) : s.padEnd(width);
}

function table(headers, rows) {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map(r => String(r[i]).length)),
  );
  const line = cells =>
    `| ${cells.map((c, i) => pad(c, widths[i], i > 0)).join(' | ')} |`;
  return [
    line(headers),
    `|${widths
      .map((w, i) => `${'-'.repeat(w + 1)}${i > 0 ? ':' : '-'}`)
      .join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

const percent = (a, b) => (b === 0 ? '-' : `${Math.round((100 * a) / b)}%`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const repos = JSON.parse(
    readFileSync(join(here, 'repos.json'), 'utf8'),
  ).filter(r => args.names.length === 0 || args.names.includes(r.name));
  const out =
    args.out ?? mkdtempSync(join(tmpdir(), 'catalyst-agents-md-quality-'));
  const budget = process.env.AGENTS_MD_BUDGET
    ? Number(process.env.AGENTS_MD_BUDGET)
    : undefined;
  if (!args.reuse)
    execFileSync(
      join(here, 'materialize.sh'),
      [out, ...repos.map(r => r.name)],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  const results = [];
  try {
    for (const repo of repos) {
      const facts = JSON.parse(
        readFileSync(join(here, 'facts', `${repo.name}.json`), 'utf8'),
      );
      const dir = join(out, repo.name);
      const start = process.hrtime.bigint();
      const analysis = await analyzeRepository(dir);
      const generated = generateAgentsMd(
        analysis,
        undefined,
        budget ? { maxLines: budget } : undefined,
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const text = generated.content;
      writeFileSync(
        join(
          out,
          `${repo.name}.${process.env.AGENTS_MD_LABEL ?? 'generated'}.md`,
        ),
        text,
      );
      const stated = facts.derivable.filter(f => isStated(f, text));
      const missed = facts.derivable.filter(f => !isStated(f, text));
      const wrong = falseLines(facts.false ?? [], text);
      const maintainerLines = existsSync(join(out, `${repo.name}.agents.md`))
        ? readFileSync(join(out, `${repo.name}.agents.md`), 'utf8').split('\n')
            .length
        : 0;
      results.push({
        repo,
        facts: facts.derivable.length,
        stated: stated.length,
        missed,
        wrong,
        lines: text.split('\n').length,
        maintainerLines,
        ms,
      });
    }
  } finally {
    if (!args.keep && !args.out) rmSync(out, { recursive: true, force: true });
  }

  console.log('\nPer repository\n');
  console.log(
    table(
      [
        'repository',
        'stack',
        'facts',
        'stated',
        'share',
        'false',
        'lines',
        'maintainers',
        'ms',
      ],
      results.map(r => [
        r.repo.repo,
        r.repo.stack,
        r.facts,
        r.stated,
        percent(r.stated, r.facts),
        r.wrong.length,
        r.lines,
        r.maintainerLines,
        Math.round(r.ms),
      ]),
    ),
  );
  const stacks = [...new Set(results.map(r => r.repo.stack))];
  const sum = (rs, k) =>
    rs.reduce((n, r) => n + (typeof r[k] === 'number' ? r[k] : r[k].length), 0);
  console.log('\nPer stack\n');
  const stackRows = stacks.map(s => {
    const rs = results.filter(r => r.repo.stack === s);
    return [
      s,
      rs.length,
      sum(rs, 'facts'),
      sum(rs, 'stated'),
      percent(sum(rs, 'stated'), sum(rs, 'facts')),
      sum(rs, 'wrong'),
    ];
  });
  stackRows.push([
    'all',
    results.length,
    sum(results, 'facts'),
    sum(results, 'stated'),
    percent(sum(results, 'stated'), sum(results, 'facts')),
    sum(results, 'wrong'),
  ]);
  console.log(
    table(['stack', 'repos', 'facts', 'stated', 'share', 'false'], stackRows),
  );
  console.log('\nMissed facts and false lines\n');
  for (const r of results) {
    for (const f of r.missed) console.log(`${r.repo.name}: missed ${f.id}`);
    for (const w of r.wrong)
      console.log(`${r.repo.name}: FALSE ${w.id}: ${w.line.trim()}`);
  }
  if (args.keep || args.out) console.log(`\ngenerated files in ${out}`);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
