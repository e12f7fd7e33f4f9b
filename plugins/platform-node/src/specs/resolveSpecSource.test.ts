import { Entity } from '@backstage/catalog-model';
import { resolveSpecSource } from './resolveSpecSource';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
  spec: {},
});

describe('resolveSpecSource', () => {
  it('reads file-located components from the folder of their catalog file', () => {
    expect(
      resolveSpecSource(
        entity({
          'backstage.io/managed-by-location':
            'file:/repos/web/catalog-info.yaml',
          'backstage.io/source-location':
            'url:https://github.com/acme/web/tree/main/',
        }),
      ),
    ).toEqual({ type: 'file', repoDir: '/repos/web', origin: 'catalog-file' });
  });

  it('uses the source location otherwise', () => {
    expect(
      resolveSpecSource(
        entity({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/web/blob/main/catalog-info.yaml',
          'backstage.io/source-location':
            'url:https://github.com/acme/web/tree/main/',
        }),
      ),
    ).toEqual({
      type: 'url',
      repoUrl: 'https://github.com/acme/web/tree/main/',
    });
  });

  it('lets catalyst.dev/specs-location override both, relative to the catalog file', () => {
    expect(
      resolveSpecSource(
        entity({
          'backstage.io/managed-by-location':
            'file:/repos/mono/services/web/catalog-info.yaml',
          'catalyst.dev/specs-location': 'file:../..',
        }),
      ),
    ).toEqual({ type: 'file', repoDir: '/repos/mono', origin: 'annotation' });
    expect(
      resolveSpecSource(
        entity({
          'catalyst.dev/specs-location':
            'url:https://github.com/acme/specs/tree/main/',
        }),
      ),
    ).toEqual({
      type: 'url',
      repoUrl: 'https://github.com/acme/specs/tree/main/',
    });
  });

  it('returns undefined without a source and rejects unknown location types', () => {
    expect(resolveSpecSource(entity({}))).toBeUndefined();
    expect(() =>
      resolveSpecSource(entity({ 'catalyst.dev/specs-location': 'gopher:x' })),
    ).toThrow(/Unsupported spec location type 'gopher'/);
  });
});
