import { ConfigReader } from '@backstage/config';
import { readDependencyUpdateConfig } from './config';

const read = (dependencyUpdates?: object) =>
  readDependencyUpdateConfig(
    new ConfigReader(dependencyUpdates ? { dependencyUpdates } : {}),
  );

describe('readDependencyUpdateConfig', () => {
  it('is off without a registry and applies defaults', () => {
    expect(read()).toEqual({
      npmRegistry: undefined,
      goProxy: undefined,
      goSumDb: undefined,
      grouping: 'per-dependency',
      ignore: [],
      frequencyMinutes: 1440,
      registryTimeoutMs: 10_000,
    });
  });

  it('reads every key', () => {
    expect(
      read({
        npmRegistry: 'http://127.0.0.1:4873/',
        goProxy: 'http://127.0.0.1:3000/',
        goSumDb: 'off',
        grouping: 'non-major-together',
        ignore: ['@types/*'],
        frequencyMinutes: 60,
        registryTimeoutSeconds: 2,
      }),
    ).toEqual({
      npmRegistry: 'http://127.0.0.1:4873/',
      goProxy: 'http://127.0.0.1:3000/',
      goSumDb: 'off',
      grouping: 'non-major-together',
      ignore: ['@types/*'],
      frequencyMinutes: 60,
      registryTimeoutMs: 2000,
    });
  });

  it('throws on nonsense', () => {
    expect(() => read({ npmRegistry: 'registry' })).toThrow(
      'platform.tasks.dependencyUpdates.npmRegistry must be an http(s) URL',
    );
    expect(() => read({ goProxy: 'direct' })).toThrow(
      'platform.tasks.dependencyUpdates.goProxy must be an http(s) URL, got direct',
    );
    expect(() => read({ grouping: 'weekly' })).toThrow(
      'platform.tasks.dependencyUpdates.grouping must be one of per-dependency, per-repository, non-major-together, got weekly',
    );
    expect(() => read({ frequencyMinutes: 0 })).toThrow(
      'platform.tasks.dependencyUpdates.frequencyMinutes must be a positive number, got 0',
    );
  });
});
