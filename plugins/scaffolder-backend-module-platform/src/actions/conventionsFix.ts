import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ConventionsConfigError,
  defaultConventionPacks,
  fixConventionDrift,
} from '@catalyst/conventions';
import { CheckoutPathError } from '@catalyst/checkout-guard';
import { examples } from './conventionsFix.examples';
import { workspaceFolder } from './workspaceFolder';

/** The action's id. @public */
export const CONVENTIONS_FIX_ACTION_ID = 'catalyst:conventions:fix';

/**
 * `catalyst:conventions:fix`: writes the standard files that are missing or
 * drifted in the template workspace (a fetched repository, say), as
 * `catalyst conventions --fix` does; the repository's catalyst.yaml wins.
 * Chain `publish:github:pull-request` to propose the change.
 *
 * @public
 */
export function createConventionsFixAction() {
  return createTemplateAction({
    id: CONVENTIONS_FIX_ACTION_ID,
    description:
      'Writes the missing and drifted standard files of the platform convention pack (lint, format, commit hooks, CI, PR template) into the workspace, respecting catalyst.yaml.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe(
              'Folder of the workspace holding the repository, relative to the workspace root. Default: the workspace root.',
            )
            .optional(),
        pack: z =>
          z
            .string()
            .describe(
              "Convention pack id (go, ruby, python, typescript); wins over catalyst.yaml's conventions.pack and detection.",
            )
            .optional(),
      },
      output: {
        pack: z => z.string().describe('Id of the convention pack applied'),
        written: z =>
          z
            .array(z.string())
            .describe(
              'Files written, relative to the folder; empty when the repository already follows the pack',
            ),
        drifted: z =>
          z
            .boolean()
            .describe(
              'True when something still drifts after the fix (rules only report, e.g. missing tests)',
            ),
      },
    },
    async handler(ctx) {
      const dir = await workspaceFolder(
        CONVENTIONS_FIX_ACTION_ID,
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      let result;
      try {
        result = await fixConventionDrift({
          repoDir: dir,
          packs: defaultConventionPacks,
          packId: ctx.input.pack,
        });
      } catch (error) {
        if (
          error instanceof ConventionsConfigError ||
          error instanceof CheckoutPathError
        ) {
          throw new InputError(
            `${CONVENTIONS_FIX_ACTION_ID}: ${error.message}`,
          );
        }
        throw error;
      }
      for (const warning of result.check.warnings) {
        ctx.logger.warn(
          `${warning.file}${warning.line ? `:${warning.line}` : ''}: ${
            warning.message
          }`,
        );
      }
      ctx.logger.info(
        result.written.length
          ? `Wrote ${result.written.join(', ')} (pack ${result.check.pack.id})`
          : `Nothing to fix: the workspace follows pack ${result.check.pack.id}`,
      );
      ctx.output('pack', result.check.pack.id);
      ctx.output('written', result.written);
      ctx.output('drifted', result.check.drifted);
    },
  });
}
