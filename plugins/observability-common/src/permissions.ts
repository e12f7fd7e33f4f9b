import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/**
 * Read metrics and logs of one catalog entity, scoped to it. A resource permission, so
 * policies can decide per entity (for example with catalog conditions on ownership).
 *
 * @public
 */
export const observabilityQueryReadPermission = createPermission({
  name: 'observability.query.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Read alerts, alert history and incidents.
 *
 * @public
 */
export const observabilityAlertsReadPermission = createPermission({
  name: 'observability.alerts.read',
  attributes: { action: 'read' },
});

/**
 * Create, change and delete stored alert rules.
 *
 * @public
 */
export const observabilityRulesManagePermission = createPermission({
  name: 'observability.rules.manage',
  attributes: { action: 'update' },
});

/**
 * Every permission of the observability plugin, for registering with the permissions
 * framework. The Alertmanager webhook has none: it authenticates with a shared secret.
 *
 * @public
 */
// Typed as Permission[]: an inferred union prints in no stable order in API reports.
export const observabilityPermissions: Permission[] = [
  observabilityQueryReadPermission,
  observabilityAlertsReadPermission,
  observabilityRulesManagePermission,
];
