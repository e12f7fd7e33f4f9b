import {
  DEFAULT_KUBERNETES_LABEL_NAMES,
  kubernetesLabelSelectorToMatchers,
} from './kubernetesLabelSelectorToMatchers';

describe('kubernetesLabelSelectorToMatchers', () => {
  it('turns equality, set-based and existence requirements into matchers', () => {
    expect(
      kubernetesLabelSelectorToMatchers(
        'app.kubernetes.io/name=payments-api, tier in (web,api), track notin (canary, shadow), env==prod, zone!=eu-1, owner, !legacy',
      ),
    ).toEqual([
      { name: 'app_kubernetes_io_name', op: '=', value: 'payments-api' },
      { name: 'tier', op: '=~', value: 'web|api' },
      { name: 'track', op: '!~', value: 'canary|shadow' },
      { name: 'env', op: '=', value: 'prod' },
      { name: 'zone', op: '!=', value: 'eu-1' },
      { name: 'owner', op: '!=', value: '' },
      { name: 'legacy', op: '=', value: '' },
    ]);
  });

  it('maps the Backstage namespace key to the namespace label', () => {
    expect(
      DEFAULT_KUBERNETES_LABEL_NAMES['backstage.io/kubernetes-namespace'],
    ).toBe('namespace');
    expect(
      kubernetesLabelSelectorToMatchers(
        'backstage.io/kubernetes-namespace=payments',
      ),
    ).toEqual([{ name: 'namespace', op: '=', value: 'payments' }]);
  });

  it('uses a plain matcher for a one-value set and escapes regex characters', () => {
    expect(
      kubernetesLabelSelectorToMatchers(
        'version in (1.2.3), build notin (a.b)',
      ),
    ).toEqual([
      { name: 'version', op: '=', value: '1.2.3' },
      { name: 'build', op: '!=', value: 'a.b' },
    ]);
    expect(kubernetesLabelSelectorToMatchers('version in (1.2, 1.3)')).toEqual([
      { name: 'version', op: '=~', value: '1\\.2|1\\.3' },
    ]);
  });

  it('keeps empty values of sets and of equality', () => {
    expect(
      kubernetesLabelSelectorToMatchers('a in (x,), b=, c in (,y)'),
    ).toEqual([
      { name: 'a', op: '=~', value: 'x|' },
      { name: 'b', op: '=', value: '' },
      { name: 'c', op: '=~', value: '|y' },
    ]);
  });

  it('applies overrides and a prefix', () => {
    expect(
      kubernetesLabelSelectorToMatchers(
        'app.kubernetes.io/name=payments, 9lives=yes, backstage.io/kubernetes-namespace=p',
        {
          labelNames: { 'app.kubernetes.io/name': 'app' },
          labelNamePrefix: 'label_',
        },
      ),
    ).toEqual([
      { name: 'app', op: '=', value: 'payments' },
      { name: 'label_9lives', op: '=', value: 'yes' },
      { name: 'namespace', op: '=', value: 'p' },
    ]);
    expect(kubernetesLabelSelectorToMatchers('9lives=yes')).toEqual([
      { name: '_9lives', op: '=', value: 'yes' },
    ]);
  });

  it.each([
    ['', 'is empty: it selects everything'],
    ['   ', 'is empty'],
    ['replicas>3', 'operator ">" compares numbers'],
    ['replicas < 3', 'operator "<" compares numbers'],
    ['tier in ()', 'the value set of "in" is empty'],
    ['tier in web', 'expected "(" after "in"'],
    ['tier in (a b)', 'expected a value, "," or ")"'],
    ['tier in (a', 'expected a value, "," or ")"'],
    ['tier exists', 'unknown operator "exists"'],
    ['a=b c=d', 'expected "," between requirements'],
    ['a=b,', 'at end of selector: expected a label key'],
    ['-bad=x', '"-bad" is not a valid label key'],
    ['Example.com/x=y', '"Example.com/x" is not a valid label key'],
    ['a=b/c', '"b/c" is not a valid label value'],
    [`a=${'x'.repeat(64)}`, 'is not a valid label value'],
    ['!a=b', 'expected "," between requirements'],
  ])('rejects %j', (selector, message) => {
    let error: unknown;
    try {
      kubernetesLabelSelectorToMatchers(selector);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ reason: 'invalid-label-selector' });
    expect((error as Error).message).toContain(message);
  });

  it('rejects overrides that are not label names', () => {
    expect(() =>
      kubernetesLabelSelectorToMatchers('app=x', {
        labelNames: { app: 'not valid' },
      }),
    ).toThrow(
      'Label key "app" maps to "not valid", which is not a usable label name',
    );
    expect(() =>
      kubernetesLabelSelectorToMatchers('app=x', {
        labelNames: { app: '__name__' },
      }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-scope' }));
  });
});
