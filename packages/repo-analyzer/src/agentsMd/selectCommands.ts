import {
  CommandFact,
  CommandKind,
  CommandOrigin,
  Ecosystem,
  RepoFacts,
} from '../types';
import { ciLineKind } from '../commands/ciCommands';
import { AgentCommandRow } from './AgentContext';
import { commandEcosystem } from './primaryEcosystem';

const TASKS: [CommandKind, string][] = [
  ['setup', 'Set up'],
  ['install', 'Install dependencies'],
  ['services', 'Start services'],
  ['dev', 'Run locally'],
  ['build', 'Build'],
  ['test', 'Test'],
  ['test-single', 'One test'],
  ['e2e', 'End-to-end tests'],
  ['e2e-single', 'One end-to-end test'],
  ['lint', 'Lint'],
  ['lint-fix', 'Lint and fix'],
  ['format', 'Format'],
  ['format-check', 'Check formatting'],
  ['typecheck', 'Type check'],
  ['security', 'Security scan'],
  ['migrate', 'Database migrations'],
  ['generate', 'Generate code'],
  ['check', 'All checks'],
];

/** Names that are the plain name for a kind, not a variant of it. */
const CANONICAL: Record<CommandKind, RegExp> = {
  setup: /^(setup|bootstrap)(\.sh)?$/,
  install: /^(install|deps)$/,
  dev: /^(dev|start|serve|server|run)(\.sh)?$/,
  build: /^build(\.sh)?$/,
  test: /^(test|tests|spec)(\.sh)?$/,
  'test-single': /^$/,
  e2e: /^(e2e|test:e2e|test-e2e|test:system)$/,
  'e2e-single': /^$/,
  lint: /^lint(\.sh)?$/,
  'lint-fix': /^(lint:fix|lint-fix|fix)$/,
  format: /^(format|fmt)$/,
  'format-check':
    /^(format:check|format-check|fmt-check|check-format|fmt:check)$/,
  typecheck: /^(typecheck|type-check|check-types|types|tsc)$/,
  migrate: /^(db:migrate|migrate)$/,
  generate: /^(generate|codegen|gen)$/,
  security: /^(security|brakeman|audit|govulncheck)$/,
  services: /^(services|docker:up|compose:up)$/,
  check: /^(check|ci|verify|validate)(\.sh)?$/,
};

const ORIGIN_ORDER: CommandOrigin[] = [
  'package-script',
  'makefile',
  'justfile',
  'taskfile',
  'bin-script',
  'rakefile',
  'derived',
  'ci',
];

function isWorkspaceCommand(command: CommandFact): boolean {
  return /^(yarn workspace |pnpm --filter |bun run --filter )|--workspace=/.test(
    command.command,
  );
}

function score(command: CommandFact, primary: Ecosystem | undefined): number {
  // A CI line carries CI-only flags (`-f github`); the same tool run locally reads better.
  const base: Partial<Record<CommandOrigin, number>> = { derived: 1, ci: 0.8 };
  let value = base[command.origin] ?? 3;
  if (command.name && CANONICAL[command.kind].test(command.name)) value += 1;
  if (command.runInCi) value += 1;
  const ecosystem = commandEcosystem(command.command);
  if (primary && ecosystem === primary) value += 0.5;
  return value;
}

function compare(
  a: CommandFact,
  b: CommandFact,
  primary: Ecosystem | undefined,
): number {
  return (
    score(b, primary) - score(a, primary) ||
    ORIGIN_ORDER.indexOf(a.origin) - ORIGIN_ORDER.indexOf(b.origin) ||
    a.command.length - b.command.length ||
    a.command.localeCompare(b.command)
  );
}

/** Keeps the `runs` note short and only when it adds something to the command. */
function runsNote(command: CommandFact): string | undefined {
  const runs = command.runs?.trim();
  if (
    !runs ||
    runs.length > 70 ||
    command.origin === 'ci' ||
    command.origin === 'derived'
  )
    return undefined;
  if (runs.startsWith('(depends on')) return undefined;
  if (command.command.endsWith(runs)) return undefined;
  return runs;
}

function row(task: string, command: CommandFact): AgentCommandRow {
  const description = command.description?.replace(/\.$/, '');
  return description
    ? { task, command: command.command, description }
    : { task, command: command.command, runs: runsNote(command) };
}

/**
 * Picks, for each task, the command a contributor should type: the
 * repository's own scripts and targets over commands derived from its tools,
 * ones that CI runs over ones it does not, the main ecosystem over others.
 * Subprojects (`cd web && ...`) and one-package commands get rows of their own.
 */
export function selectCommands(
  facts: RepoFacts,
  primary: Ecosystem | undefined,
): AgentCommandRow[] {
  const rows: AgentCommandRow[] = [];
  const rootDirs = new Set(['']);
  // A derived fix or check command second-guesses a repository that has its own lint or format script.
  const explicitKinds = new Set(
    facts.commands
      .filter(
        c => c.origin !== 'derived' && c.origin !== 'ci' && c.directory === '',
      )
      .map(c => c.kind),
  );
  const shadowed = (c: CommandFact) =>
    c.origin === 'derived' &&
    ((c.kind === 'lint-fix' && explicitKinds.has('lint')) ||
      (c.kind === 'format-check' && explicitKinds.has('format')));
  const candidates = facts.commands.filter(
    c => !isWorkspaceCommand(c) && !shadowed(c),
  );
  const isSubproject = (c: CommandFact) =>
    c.command.startsWith('cd ') && !c.command.startsWith('cd <');
  const rootCandidates = candidates.filter(
    c => rootDirs.has(c.directory) && !isSubproject(c),
  );
  const chosen = new Map<CommandKind, CommandFact>();
  for (const [kind, task] of TASKS) {
    let ranked = rootCandidates
      .filter(c => c.kind === kind)
      .sort((a, b) => compare(a, b, primary));
    if (ranked.length === 0 && (kind === 'dev' || kind === 'build')) {
      // A monorepo without a root dev script: the packages' own are the entry points.
      ranked = facts.commands
        .filter(c => isWorkspaceCommand(c) && c.kind === kind)
        .sort((a, b) => compare(a, b, primary))
        .slice(0, 1);
    }
    if (ranked.length === 0) continue;
    // The main ecosystem's command leads (a Rails app's RuboCop before its npm lint script).
    const inPrimary = (c: CommandFact) => {
      const ecosystem = commandEcosystem(c.command);
      return ecosystem === undefined || ecosystem === primary;
    };
    let best = ranked.find(inPrimary) ?? ranked[0];
    if (kind === 'test-single' || kind === 'e2e-single') {
      // One test is run with the runner of the chosen test command.
      const parent = chosen.get(kind === 'test-single' ? 'test' : 'e2e');
      const ecosystem = (parent && commandEcosystem(parent.command)) ?? primary;
      const matching = ranked.find(
        c => commandEcosystem(c.command) === ecosystem,
      );
      if (matching) best = matching;
      else if (ecosystem) continue;
    }
    chosen.set(kind, best);
    rows.push(row(task, best));
    // A second explicit entry point with the plain name does something else worth knowing.
    const second = ranked.find(
      c =>
        c !== best &&
        c.origin !== 'derived' &&
        c.origin !== 'ci' &&
        c.name &&
        CANONICAL[kind].test(c.name) &&
        (c.origin !== best.origin ||
          commandEcosystem(c.command) !== commandEcosystem(best.command)),
    );
    if (second) rows.push(row(task, second));
  }
  const workspaceTests = facts.commands.filter(
    c => isWorkspaceCommand(c) && c.kind === 'test',
  );
  const manager = facts.packageManagers.find(
    p => p.ecosystem === 'node' && p.directory === '',
  );
  if (workspaceTests.length >= 2 && manager) {
    const template = workspaceTests[0].command.replace(
      /(workspace |--filter |--workspace=)\S+/,
      '$1<package>',
    );
    const last = rows.map(r => r.task).lastIndexOf('Test');
    rows.splice(last >= 0 ? last + 1 : rows.length, 0, {
      task: 'Test one package',
      command: template,
    });
  }

  // Subprojects: a Go operator or a web app in a folder of its own.
  const subprojects = [
    ...new Set(candidates.filter(isSubproject).map(c => c.directory)),
  ]
    .sort()
    .slice(0, 3);
  for (const dir of subprojects) {
    for (const kind of ['test', 'lint', 'build'] as CommandKind[]) {
      const best = candidates
        .filter(c => c.directory === dir && c.kind === kind && isSubproject(c))
        .sort((a, b) => compare(a, b, undefined))[0];
      if (best)
        rows.push(
          row(`${TASKS.find(t => t[0] === kind)![1]} (\`${dir}/\`)`, best),
        );
    }
  }
  return rows;
}

/** The commands CI runs on pull requests (or on push when nothing runs on PRs), in order. */
export function describeCi(facts: RepoFacts): string | undefined {
  const onPr = facts.ci.filter(w => w.onPullRequest);
  const workflows =
    onPr.length > 0 ? onPr : facts.ci.filter(w => w.triggers.includes('push'));
  if (workflows.length === 0) return undefined;
  const commands: string[] = [];
  for (const workflow of workflows) {
    for (const step of workflow.steps) {
      const kind = step.run ? ciLineKind(step.run) : undefined;
      let command: string | undefined;
      if (step.run && kind && kind !== 'install') command = step.run;
      else if (step.uses && /^golangci\/golangci-lint-action@/.test(step.uses))
        command = 'golangci-lint run';
      if (command && !commands.includes(command)) commands.push(command);
    }
  }
  if (commands.length === 0) return undefined;
  const files = workflows
    .filter(w => w.steps.length > 0)
    .map(w => `\`${w.file}\``);
  const shown = commands.slice(0, 8).map(c => `\`${c}\``);
  const more = commands.length > 8 ? ` and ${commands.length - 8} more` : '';
  return `CI (${files.slice(0, 3).join(', ')}${
    files.length > 3 ? ', ...' : ''
  }) runs on ${onPr.length > 0 ? 'pull requests' : 'push'}: ${shown.join(
    ', ',
  )}${more}.`;
}
