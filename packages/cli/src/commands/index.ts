import { Command } from 'commander';
import { registerAgentsMdCommand } from './agents-md';
import { registerChangelogCommand } from './changelog';
import { registerConventionsCommand } from './conventions';
import { registerScopeCommand } from './scope';
import { registerSpecsCommand } from './specs';

/**
 * Adds every subcommand to the program. Each command lives in its own file in
 * this folder and exports a `register<Name>Command(program)` function.
 */
export function registerCommands(program: Command): void {
  registerAgentsMdCommand(program);
  registerChangelogCommand(program);
  registerConventionsCommand(program);
  registerScopeCommand(program);
  registerSpecsCommand(program);
}
