import {
  startTestGoProxy,
  TestGoProxy,
} from '../../__testUtils__/goModuleProxy';
import { escapeModulePath, GoProxyClient, GoProxyError } from './GoProxyClient';

const goModule = (modulePath: string, version: string) => ({
  modulePath,
  version,
  files: {
    'go.mod': `module ${modulePath}\n\ngo 1.22\n`,
    'greet.go': 'package greet\n',
  },
});

describe('GoProxyClient', () => {
  let proxy: TestGoProxy;
  beforeAll(async () => {
    proxy = await startTestGoProxy();
    await proxy.publish(
      goModule('example.test/greet', 'v1.0.0'),
      goModule('example.test/greet', 'v1.10.0'),
      goModule('example.test/greet', 'v1.9.3'),
      goModule('example.test/greet', 'v1.11.0-rc.1'),
      goModule('example.test/Upper', 'v0.2.0'),
    );
  });
  afterAll(() => proxy.stop());

  it('finds the highest release, escaping upper-case paths', async () => {
    const client = new GoProxyClient({ proxyUrl: proxy.url });
    await expect(client.latestRelease('example.test/greet')).resolves.toBe(
      'v1.10.0',
    );
    await expect(client.latestRelease('example.test/Upper')).resolves.toBe(
      'v0.2.0',
    );
    expect(escapeModulePath('github.com/Azure/go')).toBe(
      'github.com/!azure/go',
    );
  });

  it('says a module is missing with a typed error', async () => {
    const client = new GoProxyClient({ proxyUrl: proxy.url });
    const error = await client.latestRelease('example.test/none').catch(e => e);
    expect(error).toBeInstanceOf(GoProxyError);
    expect(error.details).toEqual({
      modulePath: 'example.test/none',
      reason: 'not_found',
    });
  });
});
