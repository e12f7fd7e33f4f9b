import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { analyzeRepository, generateAgentsMd } from '@catalyst/repo-analyzer';
import { CheckoutPathError, GuardedCheckout } from '@catalyst/checkout-guard';
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { examples } from './agentsMdGenerate.examples';

/** The action's id. @public */
export const AGENTS_MD_GENERATE_ACTION_ID = 'catalyst:agents-md:generate';

/**
 * `catalyst:agents-md:generate`: analyses the template workspace (or a
 * folder of it) and writes the short AGENTS.md coding agents need: exact
 * commands, the conventions the code follows, the layout. Only Catalyst's
 * block (`<!-- catalyst:begin -->` ... `<!-- catalyst:end -->`) is written;
 * anything else already in AGENTS.md is kept byte for byte.
 *
 * @public
 */
export function createAgentsMdGenerateAction() {
  return createTemplateAction({
    id: AGENTS_MD_GENERATE_ACTION_ID,
    description:
      "Writes AGENTS.md for coding agents from the workspace's files: exact commands, conventions, layout. Keeps hand-written parts of an existing AGENTS.md.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe(
              'Folder of the workspace to analyse and write AGENTS.md into, relative to the workspace root. Default: the workspace root.',
            )
            .optional(),
      },
      output: {
        factsHash: z =>
          z
            .string()
            .describe(
              'sha256 of the significant facts the AGENTS.md block states; the platform backend compares it to tell a stale AGENTS.md',
            ),
        agentsMdPath: z =>
          z
            .string()
            .describe(
              'Path of the AGENTS.md written, relative to the workspace',
            ),
        created: z =>
          z
            .boolean()
            .describe('True when the workspace had no AGENTS.md before'),
        changed: z =>
          z
            .boolean()
            .describe(
              'True when AGENTS.md was written, false when it already said the same',
            ),
      },
    },
    async handler(ctx) {
      const folder = ctx.input.path ?? '.';
      const dir = resolveSafeChildPath(ctx.workspacePath, folder);
      const stat = await fs.stat(dir).catch(() => undefined);
      if (!stat?.isDirectory()) {
        throw new InputError(
          `${AGENTS_MD_GENERATE_ACTION_ID}: '${folder}' is not a folder of the workspace`,
        );
      }
      const facts = await analyzeRepository(dir);
      for (const diagnostic of facts.diagnostics) {
        if (diagnostic.severity !== 'warning') continue;
        const where = diagnostic.file
          ? `${diagnostic.file}${
              diagnostic.line ? `:${diagnostic.line}` : ''
            }: `
          : '';
        ctx.logger.warn(`${where}${diagnostic.message}`);
      }
      const file = join(dir, 'AGENTS.md');
      // The workspace may hold a fetched repository: never read or write through its symlinks.
      const workspace = GuardedCheckout.open(dir);
      let existing: string | undefined;
      try {
        existing = workspace.readTextIfExists('AGENTS.md');
      } catch (error) {
        if (!(error instanceof CheckoutPathError)) throw error;
        throw new InputError(
          `${AGENTS_MD_GENERATE_ACTION_ID}: ${error.message}`,
        );
      }
      let generated;
      try {
        generated = generateAgentsMd(facts, existing);
      } catch (error) {
        throw new InputError(
          `${AGENTS_MD_GENERATE_ACTION_ID}: ${(error as Error).message}`,
        );
      }
      const changed = existing !== generated.content;
      if (changed) workspace.writeText('AGENTS.md', generated.content);
      const agentsMdPath = relative(ctx.workspacePath, file)
        .split('\\')
        .join('/');
      let verb = 'Kept';
      if (changed) verb = existing === undefined ? 'Created' : 'Updated';
      ctx.logger.info(
        `${verb} ${agentsMdPath} (facts ${generated.factsHash.slice(0, 12)})`,
      );
      ctx.output('factsHash', generated.factsHash);
      ctx.output('agentsMdPath', agentsMdPath);
      ctx.output('created', existing === undefined);
      ctx.output('changed', changed);
    },
  });
}
