import { CiWorkflowFact, CommandFact, CommandKind } from '../types';
import {
  kindFromBody,
  kindFromName,
  kindFromNamePrefix,
} from './classifyCommand';

/** Tokens of a command with the noise that does not change what runs. */
function normalizedTokens(command: string): string[] {
  const tokens = command.trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (
      token === 'run' &&
      i > 0 &&
      /^(npm|pnpm|yarn|bun)$/.test(out[out.length - 1] ?? '')
    )
      continue;
    if (
      /^(--if-present|-s|--silent|--frozen-lockfile|--immutable)$/.test(token)
    )
      continue;
    if (token === '--' && i > 0) continue;
    out.push(token);
  }
  return out;
}

/** True when a CI line runs `command` (same tokens, perhaps with extra arguments). */
export function ciRuns(ciLine: string, command: string): boolean {
  const line = normalizedTokens(ciLine);
  const wanted = normalizedTokens(command);
  if (wanted.length === 0 || line.length < wanted.length) return false;
  return wanted.every((token, i) => line[i] === token);
}

/** What a CI line checks: by its tool, or by the script or target it calls (`pnpm lint`, `make test`). */
export function ciLineKind(line: string): CommandKind | undefined {
  const byBody = kindFromBody(line);
  // CI never runs a dev server: `npm run dev:build` builds a playground.
  if (byBody) return byBody === 'dev' ? undefined : byBody;
  const called =
    /^(?:(?:npm|pnpm|yarn|bun) (?:run )?|make |just |task |bin\/|\.\/scripts?\/|scripts?\/)([\w:.-]+)/.exec(
      line,
    )?.[1];
  const kind = called
    ? kindFromName(called.replace(/\.sh$/, '')) ?? kindFromNamePrefix(called)
    : undefined;
  return kind === 'dev' ? undefined : kind;
}

/**
 * Commands CI runs that say what they check, and the lint action of
 * golangci-lint. Workflows that run on pull requests come first.
 */
export function ciCommands(workflows: CiWorkflowFact[]): CommandFact[] {
  const facts: CommandFact[] = [];
  const ordered = [...workflows].sort(
    (a, b) =>
      Number(b.onPullRequest) - Number(a.onPullRequest) ||
      a.file.localeCompare(b.file),
  );
  for (const workflow of ordered) {
    for (const step of workflow.steps) {
      if (step.run) {
        const kind = ciLineKind(step.run);
        if (!kind || kind === 'install') continue;
        facts.push({
          kind,
          command: step.run,
          origin: 'ci',
          directory: '',
          runInCi: true,
          source: step.source,
        });
      } else if (
        step.uses &&
        /^golangci\/golangci-lint-action@/.test(step.uses)
      ) {
        facts.push({
          kind: 'lint',
          command: 'golangci-lint run',
          origin: 'ci',
          directory: '',
          runInCi: true,
          source: {
            ...step.source,
            note: 'golangci-lint-action runs golangci-lint run',
          },
        });
      }
    }
  }
  return facts;
}

/** Marks commands that CI runs (directly or through the same script or target). */
export function markCommandsRunInCi(
  commands: CommandFact[],
  workflows: CiWorkflowFact[],
): void {
  const lines = workflows.flatMap(w =>
    w.steps.map(s => s.run).filter((r): r is string => Boolean(r)),
  );
  const golangciAction = workflows.some(w =>
    w.steps.some(
      s => s.uses && /^golangci\/golangci-lint-action@/.test(s.uses),
    ),
  );
  for (const command of commands) {
    if (command.origin === 'ci') continue;
    if (lines.some(line => ciRuns(line, command.command)))
      command.runInCi = true;
    if (golangciAction && command.command === 'golangci-lint run')
      command.runInCi = true;
  }
}
