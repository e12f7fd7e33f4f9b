/**
 * The `catalyst` command line: `yarn catalyst <command>` from the repository root.
 *
 * @packageDocumentation
 */

import { Command } from 'commander';
import { registerCommands } from './commands';

/**
 * Runs the CLI with the given process arguments.
 *
 * @public
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('catalyst')
    .description(
      'Catalyst: spec-driven development, conventions, agent context and observability from the command line',
    )
    .showHelpAfterError();
  registerCommands(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.stderr.write(`catalyst: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
