import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAgentsMdGenerateAction } from './actions/agentsMdGenerate';
import { createConventionsFixAction } from './actions/conventionsFix';
import { createConventionsScaffoldAction } from './actions/conventionsScaffold';

/**
 * Adds Catalyst's scaffolder actions: `catalyst:agents-md:generate`,
 * `catalyst:conventions:scaffold` and `catalyst:conventions:fix`.
 *
 * @public
 */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'catalyst-platform',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createAgentsMdGenerateAction(),
          createConventionsScaffoldAction(),
          createConventionsFixAction(),
        );
      },
    });
  },
});
