import type { AgentContext, RepoFacts } from '@catalyst/repo-analyzer';
import type { AgentContextFact } from '@catalyst/plugin-platform-common';
import { commandFacts } from './explainAgentsMd';

/** A command of the project as the generated AGENTS.md states it, with where it came from. */
export interface ProjectCommand {
  /** `Install`, `Build`, `Test`, `One test`, `Lint`, `Format`, `Run`... */
  task: string;
  /** Copy-pasteable, run from the repository root. */
  command: string;
  /** What the script or target runs, when that is worth knowing. */
  runs?: string;
  /** What the repository says the command does. */
  description?: string;
  /** `primary` for the Commands table, `more` for the other entry points. */
  listed: 'primary' | 'more';
  /** The files (and lines) the command was read from. */
  sources: AgentContextFact[];
}

/** The commands of the generated context, each with the facts it rests on. */
export function projectCommands(
  facts: RepoFacts,
  context: Pick<AgentContext, 'commands' | 'moreCommands'>,
): ProjectCommand[] {
  const rows = [
    ...context.commands.map(row => ({ row, listed: 'primary' as const })),
    ...context.moreCommands.map(row => ({ row, listed: 'more' as const })),
  ];
  return rows.map(({ row, listed }) => ({
    task: row.task,
    command: row.command,
    ...(row.runs ? { runs: row.runs } : {}),
    ...(row.description ? { description: row.description } : {}),
    listed,
    sources: commandFacts(facts, row.command, row.task),
  }));
}
