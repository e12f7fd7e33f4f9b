import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';

/**
 * The zod the actions registry hands to schema functions: its own instance,
 * so schemas are built with it rather than with this package's zod.
 */
export type ActionZod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];
