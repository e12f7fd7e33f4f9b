import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ConventionsConfigError,
  defaultConventionPacks,
  fixConventionDrift,
} from '@catalyst/conventions';
import { CheckoutPathError, GuardedCheckout } from '@catalyst/checkout-guard';
import { examples } from './conventionsScaffold.examples';
import { workspaceFolder } from './workspaceFolder';

/** The action's id. @public */
export const CONVENTIONS_SCAFFOLD_ACTION_ID = 'catalyst:conventions:scaffold';

const CATALYST_CONFIG = 'catalyst.yaml';

/**
 * `catalyst:conventions:scaffold`: starts a new repository on the platform
 * standard: writes catalyst.yaml naming the pack (unless the skeleton has
 * one) and every standard file of the pack into the template workspace.
 *
 * @public
 */
export function createConventionsScaffoldAction() {
  return createTemplateAction({
    id: CONVENTIONS_SCAFFOLD_ACTION_ID,
    description:
      'Starts a new repository on the platform standard: catalyst.yaml naming the convention pack, plus every standard file of the pack (lint, format, commit hooks, CI, PR template, CODEOWNERS).',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        pack: z =>
          z
            .enum(
              defaultConventionPacks.map(p => p.id) as [string, ...string[]],
            )
            .describe('Convention pack of the new repository'),
        path: z =>
          z
            .string()
            .describe(
              'Folder of the workspace to scaffold into, relative to the workspace root. Default: the workspace root.',
            )
            .optional(),
      },
      output: {
        written: z =>
          z.array(z.string()).describe('Files written, relative to the folder'),
        catalystConfig: z =>
          z
            .boolean()
            .describe(
              "True when catalyst.yaml was written, false when the skeleton's was kept",
            ),
      },
    },
    async handler(ctx) {
      const dir = await workspaceFolder(
        CONVENTIONS_SCAFFOLD_ACTION_ID,
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const workspace = GuardedCheckout.open(dir);
      const hasConfig = workspace.exists(CATALYST_CONFIG);
      let result;
      try {
        if (!hasConfig) {
          workspace.writeText(
            CATALYST_CONFIG,
            `conventions:\n  pack: ${ctx.input.pack}\n`,
          );
        }
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
            `${CONVENTIONS_SCAFFOLD_ACTION_ID}: ${error.message}`,
          );
        }
        throw error;
      }
      const written = hasConfig
        ? result.written
        : [CATALYST_CONFIG, ...result.written];
      ctx.logger.info(
        `Scaffolded pack ${ctx.input.pack}: ${written.join(', ') || 'nothing'}`,
      );
      ctx.output('written', written);
      ctx.output('catalystConfig', !hasConfig);
    },
  });
}
