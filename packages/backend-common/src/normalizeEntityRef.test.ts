import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from './normalizeEntityRef';

describe('normalizeEntityRef', () => {
  it('fills in kind and namespace and lower-cases', () => {
    expect(normalizeEntityRef('payments-api')).toBe(
      'component:default/payments-api',
    );
    expect(normalizeEntityRef('Component:shop/Web')).toBe('component:shop/web');
    expect(normalizeEntityRef('group:team-a')).toBe('group:default/team-a');
  });

  it('throws InputError for a ref that does not parse', () => {
    expect(() => normalizeEntityRef('component:')).toThrow(InputError);
  });
});
