import { Entity } from '@backstage/catalog-model';
import { parseObservabilityLabels } from './parseObservabilityLabels';
import { resolveScopeClaim } from './resolveScopeClaim';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
});

describe('resolveScopeClaim', () => {
  it('maps the namespace annotation to a namespace matcher', () => {
    expect(
      resolveScopeClaim(
        entity({ 'backstage.io/kubernetes-namespace': 'payments' }),
      ),
    ).toEqual({
      matchers: [{ name: 'namespace', op: '=', value: 'payments' }],
      sources: ['backstage.io/kubernetes-namespace'],
      instances: {},
    });
  });

  it('combines namespace and label selector, and the selector cannot override the namespace', () => {
    const claim = resolveScopeClaim(
      entity({
        'backstage.io/kubernetes-namespace': 'payments',
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/name=payments-api,tier in (web,api),backstage.io/kubernetes-namespace=other',
      }),
    );
    expect(claim.matchers).toEqual([
      { name: 'namespace', op: '=', value: 'payments' },
      { name: 'app_kubernetes_io_name', op: '=', value: 'payments-api' },
      { name: 'tier', op: '=~', value: 'web|api' },
    ]);
    expect(claim.sources).toEqual([
      'backstage.io/kubernetes-namespace',
      'backstage.io/kubernetes-label-selector',
    ]);
  });

  it('applies the label mapping to selector keys', () => {
    const claim = resolveScopeClaim(
      entity({ 'backstage.io/kubernetes-label-selector': 'app=payments' }),
      { labelNamePrefix: 'label_' },
    );
    expect(claim.matchers).toEqual([
      { name: 'label_app', op: '=', value: 'payments' },
    ]);
  });

  it('lets explicit observability labels win, with sets of exact values, and reads instance names', () => {
    expect(
      resolveScopeClaim(
        entity({
          'backstage.io/kubernetes-namespace': 'payments',
          'catalyst.dev/observability-labels':
            'job=payments, env=~"prod|staging"',
          'catalyst.dev/prometheus-instance': 'eu',
        }),
      ),
    ).toEqual({
      matchers: [
        { name: 'job', op: '=', value: 'payments' },
        { name: 'env', op: '=~', value: 'prod|staging' },
      ],
      sources: ['catalyst.dev/observability-labels'],
      instances: { prometheus: 'eu' },
    });
  });

  it.each([
    ['namespace=~".+"', 'namespace=~".+" is a regular expression'],
    ['namespace=~"pay.*"', 'namespace=~"pay.*" is a regular expression'],
    ['namespace=~"(a+)+$"', 'is a regular expression'],
    ['namespace!="checkout"', 'namespace!="checkout" excludes values'],
    ['job=x,namespace!~"kube-.*"', 'namespace!~"kube-.*" excludes values'],
    ['legacy=""', 'every matcher accepts a missing label'],
    ['env=~"prod|"', 'every matcher accepts a missing label'],
    [
      Array.from({ length: 17 }, (_, i) => `l${i}=v`).join(','),
      '17 matchers; a scope has at most 16',
    ],
    [`job=${'x'.repeat(1100)}`, 'at most 1024 are read'],
  ])('refuses the observability labels %j', (labels, message) => {
    expect(() =>
      resolveScopeClaim(
        entity({ 'catalyst.dev/observability-labels': labels }),
      ),
    ).toThrow(message);
  });

  it('refuses selectors that exclude rather than select', () => {
    expect(() =>
      resolveScopeClaim(
        entity({
          'backstage.io/kubernetes-label-selector': 'app notin (checkout)',
        }),
      ),
    ).toThrow(
      /unusable backstage.io\/kubernetes-label-selector annotation: app!="checkout" excludes values/,
    );
    expect(() =>
      resolveScopeClaim(
        entity({ 'backstage.io/kubernetes-label-selector': 'app, !legacy' }),
      ),
    ).toThrow(/app!="" excludes values/);
  });

  it('explains what to add when there is no scope, and what is wrong with a bad one', () => {
    expect(() => resolveScopeClaim(entity({}))).toThrow(
      /component:default\/payments-api cannot be queried: it has no observability scope. Add the annotation backstage.io\/kubernetes-namespace/,
    );
    expect(() =>
      resolveScopeClaim(entity({ 'backstage.io/kubernetes-namespace': ' ' })),
    ).toThrow(/empty backstage.io\/kubernetes-namespace/);
    expect(() =>
      resolveScopeClaim(
        entity({ 'backstage.io/kubernetes-label-selector': 'replicas>1' }),
      ),
    ).toThrow(/unusable backstage.io\/kubernetes-label-selector annotation/);
    expect(() =>
      resolveScopeClaim(entity({ 'catalyst.dev/observability-labels': 'job' })),
    ).toThrow(
      /unusable catalyst.dev\/observability-labels annotation: Invalid label matcher "job"/,
    );
    expect(() =>
      resolveScopeClaim(
        entity({
          'backstage.io/kubernetes-namespace': 'payments',
          'catalyst.dev/logs-instance': '../other tenant',
        }),
      ),
    ).toThrow(/'..\/other tenant' is not an instance name/);
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
