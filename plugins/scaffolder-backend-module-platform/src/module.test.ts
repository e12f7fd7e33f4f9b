import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModulePlatform } from './module';

describe('scaffolderModulePlatform', () => {
  it('adds the Catalyst actions to the scaffolder', async () => {
    const addActions = jest.fn();

    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModulePlatform],
    });

    expect(addActions).toHaveBeenCalledTimes(1);
    expect(addActions.mock.calls[0].map((a: { id: string }) => a.id)).toEqual([
      'catalyst:agents-md:generate',
      'catalyst:conventions:scaffold',
      'catalyst:conventions:fix',
    ]);
  });
});
