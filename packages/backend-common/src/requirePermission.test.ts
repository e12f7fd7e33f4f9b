import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { requirePermission } from './requirePermission';

const manage = createPermission({
  name: 'example.thing.manage',
  attributes: { action: 'update' },
});
const refresh = createPermission({
  name: 'example.entity.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

describe('requirePermission', () => {
  const credentials = mockCredentials.user();

  it('returns when the policy allows', async () => {
    const permissions = mockServices.permissions({
      result: AuthorizeResult.ALLOW,
    });
    await expect(
      requirePermission({ permissions, credentials, permission: manage }),
    ).resolves.toBeUndefined();
  });

  it('throws a NotAllowedError naming the action and permission when denied', async () => {
    const permissions = mockServices.permissions({
      result: AuthorizeResult.DENY,
    });
    await expect(
      requirePermission({
        permissions,
        credentials,
        permission: manage,
        action: 'cancel task 3',
      }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed to cancel task 3 (example.thing.manage)',
    });
  });

  it('asks about the resource and treats a conditional answer as a no', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest
        .fn()
        .mockResolvedValue([{ result: AuthorizeResult.CONDITIONAL }]),
    });
    await expect(
      requirePermission({
        permissions,
        credentials,
        permission: refresh,
        resourceRef: 'component:default/shop',
      }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed to use component:default/shop (example.entity.refresh)',
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: refresh, resourceRef: 'component:default/shop' }],
      { credentials },
    );
  });
});
