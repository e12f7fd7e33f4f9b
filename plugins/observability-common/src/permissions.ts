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
 * Read the alerts, alert history, incidents and alert rules of one catalog entity. A
 * resource permission checked against the entity, so a policy can limit a team to its own
 * components; reads that span entities (instance health, stacks) list only what it allows.
 *
 * @public
 */
export const observabilityAlertsReadPermission = createPermission({
  name: 'observability.alerts.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Create, change and delete the stored alert rules of one catalog entity. A resource
 * permission checked against the entity.
 *
 * @public
 */
export const observabilityRulesManagePermission = createPermission({
  name: 'observability.rules.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
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
