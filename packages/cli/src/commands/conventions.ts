import {
  ConventionDiagnostic,
  ConventionsCheck,
  ConventionsConfigError,
  defaultConventionPacks,
  detectConventionDrift,
  DriftReport,
  fixConventionDrift,
} from '@catalyst/conventions';
import { Command } from 'commander';
import { statSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { resolveUserPath } from '../paths';

type ConventionsOptions = {
  json?: boolean;
  exitCode?: boolean;
  fix?: boolean;
  pack?: string;
};

function where(dir: string, diagnostic: ConventionDiagnostic): string {
  const file =
    diagnostic.file === 'catalyst.yaml'
      ? joinPath(dir, diagnostic.file)
      : diagnostic.file;
  return diagnostic.line ? `${file}:${diagnostic.line}` : file;
}

function formatReport(report: DriftReport): string[] {
  const name =
    report.kind === 'rule' ? `${report.ruleType}/${report.name}` : report.name;
  const lines = [
    `  ${report.status.padEnd(11)} ${name}${
      report.required ? ' (required)' : ''
    }`,
  ];
  if (report.status !== 'pass') {
    lines.push(...report.evidence.map(line => `${' '.repeat(14)}${line}`));
  }
  if (report.diff) {
    lines.push(
      ...report.diff.split('\n').map(line => `${' '.repeat(14)}${line}`),
    );
  }
  return lines;
}

/** The readable report: files, then rules, then the counts. */
export function formatConventionsCheck(check: ConventionsCheck): string {
  const { pack, summary } = check;
  const lines = [
    `Convention pack ${pack.id} (${pack.title}), ${pack.reason}`,
    '',
    'FILES',
    ...check.reports.filter(r => r.kind === 'file').flatMap(formatReport),
    '',
    'RULES',
    ...check.reports.filter(r => r.kind === 'rule').flatMap(formatReport),
    '',
    `${summary.pass} pass, ${summary.drift} drift, ${summary.missing} missing, ${summary.overridden} overridden, ${summary.unchecked} unchecked`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `catalyst conventions <repo-dir>`: checks a checkout against its convention
 * pack and catalyst.yaml. Exits 2 on a malformed catalyst.yaml (file:line:
 * message) or unreadable directory, 1 with `--exit-code` when anything drifted.
 */
export function registerConventionsCommand(program: Command): void {
  program
    .command('conventions')
    .description(
      'Check a checkout against its convention pack (standard files and rules) with the overrides of its catalyst.yaml; --fix writes the standard files',
    )
    .argument('<repo-dir>', 'root of the checkout')
    .option('--json', 'print the check as JSON')
    .option(
      '--exit-code',
      'exit with status 1 when anything drifted or is missing',
    )
    .option(
      '--fix',
      'write missing and drifted standard files (never ignored or turned-off ones)',
    )
    .option(
      '--pack <id>',
      `use this pack instead of catalyst.yaml's or the detected one (${defaultConventionPacks
        .map(pack => pack.id)
        .join(', ')})`,
    )
    .action(async (dir: string, options: ConventionsOptions) => {
      const repoDir = resolveUserPath(dir);
      if (!statSync(repoDir, { throwIfNoEntry: false })?.isDirectory()) {
        process.stderr.write(
          `catalyst conventions: ${dir} is not a directory\n`,
        );
        process.exitCode = 2;
        return;
      }
      const request = {
        repoDir,
        packs: defaultConventionPacks,
        packId: options.pack,
      };
      let check: ConventionsCheck;
      let written: string[] | undefined;
      try {
        if (options.fix) {
          ({ check, written } = await fixConventionDrift(request));
        } else {
          check = await detectConventionDrift(request);
        }
      } catch (error) {
        if (!(error instanceof ConventionsConfigError)) throw error;
        for (const diagnostic of error.diagnostics) {
          process.stderr.write(
            `${where(dir, diagnostic)}: ${diagnostic.message}\n`,
          );
        }
        process.exitCode = 2;
        return;
      }
      for (const warning of check.warnings) {
        process.stderr.write(
          `${where(dir, warning)}: warning: ${warning.message}\n`,
        );
      }
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify(
            { ...check, ...(written ? { written } : {}) },
            null,
            2,
          )}\n`,
        );
      } else {
        if (written) {
          process.stdout.write(
            written.length > 0
              ? `Wrote ${written.length} files: ${written.join(', ')}\n\n`
              : 'Nothing to write.\n\n',
          );
        }
        process.stdout.write(formatConventionsCheck(check));
      }
      if (options.exitCode && check.drifted) process.exitCode = 1;
    });
}
