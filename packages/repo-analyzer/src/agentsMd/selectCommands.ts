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
  other: /^$/,
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

/** True when a CI line of the same kind runs the derived command's tool (`cargo nextest run ...`). */
function ciRunsTool(command: CommandFact, ciLines: CommandFact[]): boolean {
  const tool = command.command.split(/\s+/).slice(0, 2).join(' ');
  return ciLines.some(
    c => c.kind === command.kind && c.command.startsWith(tool),
  );
}

function score(
  command: CommandFact,
  primary: Ecosystem | undefined,
  ciLines: CommandFact[] = [],
): number {
  // A CI line carries CI-only flags (`-f github`); the same tool run locally reads better.
  const base: Partial<Record<CommandOrigin, number>> = { derived: 1, ci: 0.8 };
  let value = base[command.origin] ?? 3;
  if (command.name && CANONICAL[command.kind].test(command.name)) value += 1;
  if (command.runInCi) value += 1;
  // A derived command whose tool CI runs (with flags of its own) is as good as run in CI.
  else if (command.origin === 'derived' && ciRunsTool(command, ciLines))
    value += 1;
  // A CI line that runs only part of the suite (`cargo test --doc`) is not how to run it.
  if (
    command.origin === 'ci' &&
    /\s--doc\b|\s--lib\b|\s-k\s|\s-Z\s|\+nightly/.test(command.command)
  )
    value -= 1;
  const ecosystem = commandEcosystem(command.command);
  if (primary && ecosystem === primary) value += 0.5;
  return value;
}

function compare(
  a: CommandFact,
  b: CommandFact,
  primary: Ecosystem | undefined,
  ciLines: CommandFact[] = [],
): number {
  return (
    score(b, primary, ciLines) - score(a, primary, ciLines) ||
    ORIGIN_ORDER.indexOf(a.origin) - ORIGIN_ORDER.indexOf(b.origin) ||
    a.command.length - b.command.length ||
    a.command.localeCompare(b.command)
  );
}

/** Flags that only make sense in CI: annotations, machine formats, redirects, expressions. */
const CI_ONLY =
  /\s-f github\b|--format[= ](github|sarif|json)|sarif|>|\$\{\{|--message-format|--color[= ]always/;

/**
 * A derived command that CI runs with more flags (`cargo clippy ... -- -D
 * warnings`) is stated as CI runs it, when those flags are not CI-only.
 */
function withCiFlags(best: CommandFact, commands: CommandFact[]): CommandFact {
  if (best.origin !== 'derived') return best;
  const tokens = best.command.split(/\s+/);
  const ci = commands.find(
    c =>
      c.origin === 'ci' &&
      c.kind === best.kind &&
      !CI_ONLY.test(c.command) &&
      c.command.length <= 120 &&
      c.command.startsWith(`${tokens[0]} ${tokens[1]} `) &&
      tokens.every(t => c.command.split(/\s+/).includes(t)),
  );
  return ci ? { ...ci, origin: 'derived', runInCi: true } : best;
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
  // A recipe's shell plumbing (`set -eu; \`, `unset X; \`) says nothing about what runs.
  if (/\\$/.test(runs) || /^(set|unset|export|cd|echo)\b/.test(runs))
    return undefined;
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
  const ciLines = facts.commands.filter(c => c.origin === 'ci');
  const chosen = new Map<CommandKind, CommandFact>();
  for (const [kind, task] of TASKS) {
    let ranked = rootCandidates
      .filter(c => c.kind === kind)
      .sort((a, b) => compare(a, b, primary, ciLines));
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
    best = withCiFlags(best, facts.commands);
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
    ...new Set(
      candidates
        .filter(c => isSubproject(c) && c.origin !== 'ci')
        .map(c => c.directory),
    ),
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

/** Most entry points listed beside the chosen ones: past that, a list is noise. */
const MAX_MORE_COMMANDS = 40;

/** Kinds of derived commands worth listing beside the chosen ones (a second linter, a security scan). */
const MORE_DERIVED = new Set<CommandKind>([
  'lint',
  'security',
  'typecheck',
  'other',
]);

/**
 * The repository's other entry points, beside the one chosen per task: its
 * own scripts, targets and tasks (`task modernize`, `pnpm dev:web`), the
 * steps of Rails' `config/ci.rb`, and a second linter the tools imply.
 * Those CI runs come first, then those the repository describes.
 */
export function selectMoreCommands(
  facts: RepoFacts,
  chosen: AgentCommandRow[],
): AgentCommandRow[] {
  const shown = new Set(chosen.map(r => normalizedCommand(r.command)));
  // The scripts of the workspace that holds the app (`apps/web` of a Next.js monorepo) count as the root's.
  const appDirs = new Set(
    facts.stack
      .filter(s => s.role.startsWith('framework'))
      .map(s => s.source.file ?? '')
      .filter(file => file.includes('/'))
      .map(file => file.slice(0, file.lastIndexOf('/'))),
  );
  const candidates = facts.commands.filter(
    c =>
      ((c.directory === '' && !isWorkspaceCommand(c)) ||
        (isWorkspaceCommand(c) && appDirs.has(c.directory))) &&
      !c.command.startsWith('cd ') &&
      c.kind !== 'test-single' &&
      c.kind !== 'e2e-single' &&
      ((c.origin !== 'derived' && c.origin !== 'ci') ||
        (c.origin === 'ci' && c.source.file === 'config/ci.rb') ||
        (c.origin === 'derived' &&
          MORE_DERIVED.has(c.kind) &&
          !chosen.some(r => r.command.startsWith(c.command)))),
  );
  const order = (c: CommandFact) => {
    const task = TASKS.findIndex(([kind]) => kind === c.kind);
    return task >= 0 ? task : TASKS.length;
  };
  const sorted = [...candidates].sort(
    (a, b) =>
      Number(Boolean(b.runInCi)) - Number(Boolean(a.runInCi)) ||
      Number(Boolean(b.description)) - Number(Boolean(a.description)) ||
      order(a) - order(b) ||
      a.command.localeCompare(b.command),
  );
  const rows: AgentCommandRow[] = [];
  for (const command of sorted) {
    if (rows.length >= MAX_MORE_COMMANDS) break;
    const key = normalizedCommand(command.command);
    if (shown.has(key)) continue;
    shown.add(key);
    const task = TASKS.find(([kind]) => kind === command.kind)?.[1] ?? 'Other';
    rows.push(row(task, command));
  }
  return rows;
}

/** A command without the noise that does not change what it runs (`npm run x` is `npm x`). */
function normalizedCommand(command: string): string {
  return command
    .replace(/^(pnpm|yarn|bun) run /, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
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
