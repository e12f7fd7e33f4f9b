import { RootConfigService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { LocalActions } from './LocalActions';

/** A root config whose data can change, telling its subscribers as a reloaded one does. */
function changingConfig(data: JsonObject) {
  let reader = new ConfigReader(data);
  const listeners: Array<() => void> = [];
  const config = new Proxy({} as RootConfigService, {
    get: (_, key: keyof RootConfigService) =>
      key === 'subscribe'
        ? (onChange: () => void) => {
            listeners.push(onChange);
            return { unsubscribe: () => {} };
          }
        : (reader[key as keyof ConfigReader] as Function).bind(reader),
  });
  return {
    config,
    change(next: JsonObject) {
      reader = new ConfigReader(next);
      listeners.forEach(listener => listener());
    },
  };
}

describe('LocalPluginActions', () => {
  const token = mockCredentials.user.token('user:default/amy');

  function setUp(data: JsonObject) {
    const changing = changingConfig(data);
    const plugin = new LocalActions().addPlugin({
      pluginId: 'local',
      auth: mockServices.auth({ pluginId: 'local' }),
      logger: mockServices.logger.mock(),
      permissions: mockServices.permissions(),
      config: changing.config,
    });
    const built = { input: 0, output: 0 };
    plugin.record({
      name: 'echo',
      title: 'Echo',
      description: 'Answers its input',
      attributes: { readOnly: true },
      schema: {
        input: z => {
          built.input += 1;
          return z.object({ text: z.string().max(5) });
        },
        output: z => {
          built.output += 1;
          return z.object({ text: z.string() });
        },
      },
      action: async ({ input }) => ({ output: { text: input.text } }),
    });
    return { plugin, built, change: changing.change };
  }

  it('builds the schemas once and parses every call with them', async () => {
    const { plugin, built } = setUp({});
    for (const text of ['a', 'bb', 'ccc']) {
      await expect(
        plugin.invoke({ id: 'local:echo', input: { text }, token }),
      ).resolves.toEqual({ output: { text } });
    }
    const invalid = plugin.invoke({
      id: 'local:echo',
      input: { text: 'too long' },
      token,
    });
    await expect(invalid).rejects.toBeInstanceOf(ResponseError);
    await expect(invalid).rejects.toMatchObject({
      response: { status: 400 },
      body: {
        error: {
          name: 'InputError',
          message: expect.stringMatching(
            /^Invalid input to action "local:echo".*at most 5 character/s,
          ),
        },
      },
    });
    expect(built).toEqual({ input: 1, output: 1 });
  });

  it('follows backend.actions.filter and pluginSources when the config changes', async () => {
    const { plugin, change } = setUp({
      backend: { actions: { pluginSources: ['local'] } },
    });
    const call = () =>
      plugin.invoke({ id: 'local:echo', input: { text: 'hi' }, token });
    await expect(call()).resolves.toEqual({ output: { text: 'hi' } });

    change({
      backend: {
        actions: {
          pluginSources: ['local'],
          filter: { exclude: [{ id: 'local:*' }] },
        },
      },
    });
    await expect(call()).rejects.toMatchObject({
      response: { status: 404 },
      body: { error: { message: 'Action "local:echo" not found' } },
    });

    change({ backend: { actions: { pluginSources: ['other'] } } });
    await expect(call()).rejects.toMatchObject({ response: { status: 404 } });

    change({ backend: { actions: { pluginSources: ['local'] } } });
    await expect(call()).resolves.toEqual({ output: { text: 'hi' } });
  });
});
