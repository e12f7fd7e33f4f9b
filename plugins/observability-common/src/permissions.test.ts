import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  observabilityAlertsReadPermission,
  observabilityPermissions,
  observabilityQueryReadPermission,
  observabilityRulesManagePermission,
} from './permissions';

describe('observability permissions', () => {
  it('makes query reads a per-entity decision', () => {
    expect(observabilityQueryReadPermission.name).toBe(
      'observability.query.read',
    );
    expect(
      isResourcePermission(observabilityQueryReadPermission, 'catalog-entity'),
    ).toBe(true);
    expect(observabilityQueryReadPermission.attributes.action).toBe('read');
  });

  it('makes alert reads and rule changes per-entity decisions, names unchanged', () => {
    expect(observabilityAlertsReadPermission).toMatchObject({
      type: 'resource',
      resourceType: 'catalog-entity',
      name: 'observability.alerts.read',
      attributes: { action: 'read' },
    });
    expect(observabilityRulesManagePermission).toMatchObject({
      type: 'resource',
      resourceType: 'catalog-entity',
      name: 'observability.rules.manage',
      attributes: { action: 'update' },
    });
  });

  it('lists every permission once', () => {
    const names = observabilityPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual([
      'observability.alerts.read',
      'observability.query.read',
      'observability.rules.manage',
    ]);
  });
});
