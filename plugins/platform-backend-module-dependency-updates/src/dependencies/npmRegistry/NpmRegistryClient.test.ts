import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  startTestNpmRegistry,
  TestNpmRegistry,
} from '../../__testUtils__/verdaccioRegistry';
import { NpmRegistryClient } from './NpmRegistryClient';
import { NpmRegistryError } from './NpmRegistryError';

jest.setTimeout(120_000);

describe('NpmRegistryClient', () => {
  let registry: TestNpmRegistry;

  beforeAll(async () => {
    registry = await startTestNpmRegistry();
    await registry.publish(
      { name: 'left-pad', version: '1.2.0' },
      { name: 'left-pad', version: '1.3.0' },
      { name: '@acme/util', version: '2.0.1' },
    );
  });
  afterAll(() => registry.stop());

  it('reads dist-tags, versions and publication times from verdaccio', async () => {
    const client = new NpmRegistryClient({ registryUrl: registry.url });
    const packument = await client.getPackument('left-pad');
    expect(packument.distTags).toEqual({ latest: '1.3.0' });
    expect(packument.versions.sort()).toEqual(['1.2.0', '1.3.0']);
    expect(Date.parse(packument.time['1.3.0'])).toBeGreaterThanOrEqual(
      Date.parse(packument.time['1.2.0']),
    );
    const scoped = await client.getPackument('@acme/util');
    expect(scoped).toMatchObject({
      name: '@acme/util',
      distTags: { latest: '2.0.1' },
      versions: ['2.0.1'],
    });
  });

  it('says a package is missing with a typed error', async () => {
    const client = new NpmRegistryClient({ registryUrl: registry.url });
    const error = await client.getPackument('no-such-package').catch(e => e);
    expect(error).toBeInstanceOf(NpmRegistryError);
    expect(error.details).toEqual({
      packageName: 'no-such-package',
      reason: 'not_found',
    });
  });

  it('gives up on a registry that does not answer in time', async () => {
    const server: Server = createServer(() => {
      // Never answers.
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = new NpmRegistryClient({
        registryUrl: `http://127.0.0.1:${port}`,
        timeoutMs: 300,
      });
      const error = await client.getPackument('left-pad').catch(e => e);
      expect(error).toBeInstanceOf(NpmRegistryError);
      expect(error.details.reason).toBe('timeout');
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });
});
