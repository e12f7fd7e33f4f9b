import { Entity } from '@backstage/catalog-model';
import { parseObservabilityLabels } from './parseObservabilityLabels';
import { resolveEntityScope } from './resolveEntityScope';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
});

describe('resolveEntityScope', () => {
  it('maps the namespace annotation to a namespace matcher', () => {
    expect(
      resolveEntityScope(
        entity({ 'backstage.io/kubernetes-namespace': 'payments' }),
      ),
    ).toEqual({
      matchers: [{ name: 'namespace', op: '=', value: 'payments' }],
      sources: ['backstage.io/kubernetes-namespace'],
    });
  });

  it('combines namespace and label selector, and the selector cannot override the namespace', () => {
    const scope = resolveEntityScope(
      entity({
        'backstage.io/kubernetes-namespace': 'payments',
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/name=payments-api,tier in (web,api),backstage.io/kubernetes-namespace=other',
      }),
    );
    expect(scope.matchers).toEqual([
      { name: 'namespace', op: '=', value: 'payments' },
      { name: 'app_kubernetes_io_name', op: '=', value: 'payments-api' },
      { name: 'tier', op: '=~', value: 'web|api' },
    ]);
    expect(scope.sources).toEqual([
      'backstage.io/kubernetes-namespace',
      'backstage.io/kubernetes-label-selector',
    ]);
  });

  it('applies the label mapping to selector keys', () => {
    const scope = resolveEntityScope(
      entity({ 'backstage.io/kubernetes-label-selector': 'app=payments' }),
      {
        labelNamePrefix: 'label_',
      },
    );
    expect(scope.matchers).toEqual([
      { name: 'label_app', op: '=', value: 'payments' },
    ]);
  });

  it('lets explicit observability labels win', () => {
    const scope = resolveEntityScope(
      entity({
        'backstage.io/kubernetes-namespace': 'payments',
        'catalyst.dev/observability-labels':
          'job=payments, env=~"prod|staging",instance!=canary',
      }),
    );
    expect(scope).toEqual({
      matchers: [
        { name: 'job', op: '=', value: 'payments' },
        { name: 'env', op: '=~', value: 'prod|staging' },
        { name: 'instance', op: '!=', value: 'canary' },
      ],
      sources: ['catalyst.dev/observability-labels'],
    });
  });

  it('explains what to add when there is no scope, and what is wrong with a bad one', () => {
    expect(() => resolveEntityScope(entity({}))).toThrow(
      /component:default\/payments-api cannot be queried: it has no observability scope. Add the annotation backstage.io\/kubernetes-namespace/,
    );
    expect(() =>
      resolveEntityScope(entity({ 'backstage.io/kubernetes-namespace': ' ' })),
    ).toThrow(/empty backstage.io\/kubernetes-namespace/);
    expect(() =>
      resolveEntityScope(
        entity({ 'backstage.io/kubernetes-label-selector': 'replicas>1' }),
      ),
    ).toThrow(/unusable backstage.io\/kubernetes-label-selector annotation/);
    expect(() =>
      resolveEntityScope(
        entity({ 'catalyst.dev/observability-labels': 'job' }),
      ),
    ).toThrow(
      /unusable catalyst.dev\/observability-labels annotation: Invalid label matcher "job"/,
    );
  });
});

describe('parseObservabilityLabels', () => {
  it('keeps commas inside regex values', () => {
    expect(parseObservabilityLabels('path=~/a{1,3}/.*,job=x')).toEqual([
      { name: 'path', op: '=~', value: '/a{1,3}/.*' },
      { name: 'job', op: '=', value: 'x' },
    ]);
  });

  it('reads quoted values as string literals', () => {
    expect(parseObservabilityLabels('team="a,b\\"c"')).toEqual([
      { name: 'team', op: '=', value: 'a,b"c' },
    ]);
    expect(() => parseObservabilityLabels('team="a\\q"')).toThrow(
      /Badly quoted label value/,
    );
  });
});
