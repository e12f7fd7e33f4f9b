import { isSpecEntity, specEntityName, specEntityRef } from './SpecEntity';

describe('specEntityName', () => {
  it('joins component and slug into a valid entity name', () => {
    expect(specEntityName('payments-api', '001-User_Auth')).toBe(
      'payments-api-001-user_auth',
    );
    expect(specEntityName('web', '20250101-120000-login')).toBe(
      'web-20250101-120000-login',
    );
  });

  it('stays within 63 characters and ends on an alphanumeric', () => {
    const name = specEntityName(
      'a-very-long-component-name-for-testing',
      '012-a-very-long-spec-slug-that-goes-on-and-on',
    );
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/);
  });

  it('makes refs in the component namespace', () => {
    expect(
      specEntityRef(
        { kind: 'Component', namespace: 'shop', name: 'web' },
        '001-login',
      ),
    ).toBe('spec:shop/web-001-login');
  });

  it('recognises Spec entities', () => {
    expect(
      isSpecEntity({
        apiVersion: 'catalyst.dev/v1alpha1',
        kind: 'Spec',
        metadata: { name: 'x' },
      }),
    ).toBe(true);
    expect(
      isSpecEntity({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });
});
