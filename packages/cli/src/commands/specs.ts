import { Command } from 'commander';
import {
  readSpecs,
  SpecDiagnostic,
  SpecFolder,
  SpecIndex,
} from '@catalyst/spec-kit';
import { resolveUserPath } from '../paths';

/**
 * `catalyst specs <dir> [--json] [--strict]`: indexes the Spec Kit folders of
 * a repository or specs directory and prints a summary or the index as JSON.
 * Exits 2 when the directory cannot be read and, with `--strict`, 1 when a
 * diagnostic is an error.
 */
export function registerSpecsCommand(program: Command): void {
  program
    .command('specs')
    .description(
      'Index the Spec Kit folders (specs/NNN-slug/) of a repository or a specs directory',
    )
    .argument('<dir>', 'repository root or specs directory')
    .option('--json', 'print the index as JSON')
    .option('--strict', 'exit with status 1 when any diagnostic is an error')
    .action((dir: string, options: { json?: boolean; strict?: boolean }) => {
      let index: SpecIndex;
      try {
        index = readSpecs(resolveUserPath(dir));
      } catch (error) {
        process.stderr.write(`catalyst specs: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(
        options.json
          ? `${JSON.stringify(index, null, 2)}\n`
          : formatSpecIndex(index),
      );
      if (
        options.strict &&
        index.diagnostics.some(diagnostic => diagnostic.severity === 'error')
      ) {
        process.exitCode = 1;
      }
    });
}

/** The readable summary: one row per spec, then the diagnostics. */
export function formatSpecIndex(index: SpecIndex): string {
  const lines: string[] = [];
  if (index.specs.length === 0) {
    lines.push('No spec folders found.');
  } else {
    lines.push(
      ...formatTable(
        ['SPEC', 'TITLE', 'STATUS', 'DONE/TOTAL', 'COMPLETE'],
        index.specs.map(specRow),
      ),
    );
  }
  const tasks = index.specs.reduce((sum, spec) => sum + spec.counts.total, 0);
  const done = index.specs.reduce((sum, spec) => sum + spec.counts.done, 0);
  lines.push(
    '',
    `${plural(
      index.specs.length,
      'spec',
    )}, ${done}/${tasks} tasks done, ${countBySeverity(index.diagnostics)}`,
  );
  if (index.diagnostics.length > 0) {
    lines.push('', 'Diagnostics:');
    for (const diagnostic of index.diagnostics) {
      const where = diagnostic.line
        ? `${diagnostic.file}:${diagnostic.line}`
        : diagnostic.file;
      lines.push(`  ${where}  ${diagnostic.severity}  ${diagnostic.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function specRow(spec: SpecFolder): string[] {
  return [
    spec.archived ? `${spec.slug} (archived)` : spec.slug,
    truncate(spec.title ?? '', 48),
    spec.status ?? '',
    `${spec.counts.done}/${spec.counts.total}`,
    `${Math.round(spec.completion * 100)}%`,
  ];
}

function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => [...row[column]].length)),
  );
  const format = (row: string[]) =>
    row
      .map(
        (cell, column) => cell + ' '.repeat(widths[column] - [...cell].length),
      )
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}

function countBySeverity(diagnostics: SpecDiagnostic[]): string {
  const count = (severity: SpecDiagnostic['severity']) =>
    diagnostics.filter(diagnostic => diagnostic.severity === severity).length;
  return [
    plural(count('error'), 'error'),
    plural(count('warning'), 'warning'),
    plural(count('info'), 'note'),
  ].join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function truncate(text: string, length: number): string {
  const chars = [...text];
  return chars.length > length
    ? `${chars.slice(0, length - 1).join('')}\u2026`
    : text;
}
