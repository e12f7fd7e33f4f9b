import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  analyzeRepository,
  AnalysisDiagnostic,
  CatalystPortalLink,
  compareAgentsMd,
  generateAgentsMd,
  isPortalUrl,
  readCatalystPortalLink,
  RepoFacts,
} from '@catalyst/repo-analyzer';
import { resolveUserPath } from '../paths';

interface AgentsMdOptions {
  write?: boolean;
  check?: boolean;
  json?: boolean;
  portalUrl?: string;
}

/** The environment variable that names the portal when no flag does. */
const PORTAL_URL_ENV = 'CATALYST_PORTAL_URL';

/**
 * The portal to name in the "Catalyst tools" section: `--portal-url`, else
 * CATALYST_PORTAL_URL, else catalyst.yaml's `context.portalUrl`; none, no
 * section. Throws on a flag or variable that is not an http(s) URL.
 */
async function resolvePortal(
  root: string,
  flag: string | undefined,
): Promise<CatalystPortalLink | undefined> {
  const given = flag ?? (process.env[PORTAL_URL_ENV] || undefined);
  if (given !== undefined && !isPortalUrl(given)) {
    throw new Error(
      `${
        flag === undefined ? PORTAL_URL_ENV : '--portal-url'
      } is not an http(s) URL: ${given}`,
    );
  }
  const link = await readCatalystPortalLink(root);
  for (const warning of link.warnings) {
    process.stderr.write(`catalyst agents-md: warning: ${warning}\n`);
  }
  const url = given ?? link.portalUrl;
  return url ? { url, entityRef: link.entityRef } : undefined;
}

function formatDiagnostic(diagnostic: AnalysisDiagnostic): string {
  const where = diagnostic.file
    ? `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}: `
    : '';
  return `catalyst agents-md: ${diagnostic.severity}: ${where}${diagnostic.message}\n`;
}

/**
 * `catalyst agents-md <repo-dir> [--write | --check | --json]`: generates
 * the short AGENTS.md of a repository from its files and history. Prints it
 * by default; `--write` updates `<repo-dir>/AGENTS.md` keeping everything
 * outside Catalyst's block; `--check` exits 1 when the committed block says
 * something else than what would be generated; `--json` prints the facts.
 * Exits 2 when the folder cannot be analysed.
 */
export function registerAgentsMdCommand(program: Command): void {
  program
    .command('agents-md')
    .description(
      'Generate a short AGENTS.md for coding agents: exact commands, conventions the code and history follow, layout, active specs',
    )
    .argument('<repo-dir>', 'repository checkout')
    .option(
      '--write',
      'update <repo-dir>/AGENTS.md in place (only the catalyst block changes)',
    )
    .option(
      '--check',
      'exit with status 1 when the committed AGENTS.md block is stale',
    )
    .option('--json', 'print the repository facts as JSON')
    .option(
      '--portal-url <url>',
      `the Catalyst portal (backend base URL) whose MCP tools the "Catalyst tools" section names; default $${PORTAL_URL_ENV}, then context.portalUrl in catalyst.yaml; without one, no section`,
    )
    .action(async (dir: string, options: AgentsMdOptions) => {
      if (
        [options.write, options.check, options.json].filter(Boolean).length > 1
      ) {
        process.stderr.write(
          'catalyst agents-md: use only one of --write, --check and --json\n',
        );
        process.exitCode = 2;
        return;
      }
      const root = resolveUserPath(dir);
      let facts: RepoFacts;
      let portal: CatalystPortalLink | undefined;
      try {
        facts = await analyzeRepository(root);
        portal = options.json
          ? undefined
          : await resolvePortal(root, options.portalUrl);
      } catch (error) {
        process.stderr.write(
          `catalyst agents-md: ${(error as Error).message}\n`,
        );
        process.exitCode = 2;
        return;
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(facts, null, 2)}\n`);
        return;
      }
      for (const diagnostic of facts.diagnostics) {
        if (diagnostic.severity === 'warning')
          process.stderr.write(formatDiagnostic(diagnostic));
      }
      const file = join(root, 'AGENTS.md');
      const existing = existsSync(file)
        ? readFileSync(file, 'utf8')
        : undefined;
      if (options.check) {
        runCheck(existing, facts, portal);
        return;
      }
      let generated;
      try {
        generated = generateAgentsMd(facts, existing, { portal });
      } catch (error) {
        process.stderr.write(
          `catalyst agents-md: ${(error as Error).message}\n`,
        );
        process.exitCode = 2;
        return;
      }
      if (!options.write) {
        process.stdout.write(generated.content);
        return;
      }
      if (existing === generated.content) {
        process.stdout.write(
          `AGENTS.md is up to date (facts ${generated.factsHash.slice(
            0,
            12,
          )})\n`,
        );
        return;
      }
      writeFileSync(file, generated.content);
      process.stdout.write(
        `${
          existing === undefined ? 'created' : 'updated'
        } ${file} (facts ${generated.factsHash.slice(0, 12)})\n`,
      );
    });
}

function runCheck(
  existing: string | undefined,
  facts: RepoFacts,
  portal: CatalystPortalLink | undefined,
): void {
  const { block, factsHash } = generateAgentsMd(facts, undefined, { portal });
  const comparison = compareAgentsMd(existing, block);
  if (comparison.fresh) {
    process.stdout.write(
      `AGENTS.md is up to date (facts ${factsHash.slice(0, 12)})\n`,
    );
    return;
  }
  const lines = [
    `AGENTS.md is stale${comparison.reason ? `: ${comparison.reason}` : ''}.`,
    `Run \`catalyst agents-md <repo-dir> --write\` to update it. Differences in substance:`,
    ...comparison.removed.map(line => `- ${line}`),
    ...comparison.added.map(line => `+ ${line}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = 1;
}
