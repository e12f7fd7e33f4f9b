import { createBackend } from '@backstage/backend-defaults';
import {
  cachingActionsServiceFactory,
  inProcessActionsRegistryServiceFactory,
} from './actions';

const backend = createBackend();

// The MCP server lists every plugin's actions on each tool call: keep each
// principal's list briefly instead of fetching it from every plugin again,
// and invoke the actions of this backend's plugins in process (the checks
// of the registry's invoke route, without the HTTP hop).
backend.add(inProcessActionsRegistryServiceFactory);
backend.add(cachingActionsServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@catalyst/plugin-scaffolder-backend-module-platform'));

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Catalyst: platform backend (specs, webhooks) and its catalog and TechDocs modules
backend.add(import('@catalyst/plugin-platform-backend'));
// The platform's built-in task types, each a module of the platform plugin.
backend.add(
  import('@catalyst/plugin-platform-backend-module-dependency-updates'),
);
backend.add(import('@catalyst/plugin-platform-backend-module-flaky-tests'));
backend.add(import('@catalyst/plugin-platform-backend-module-investigations'));
backend.add(import('@catalyst/plugin-platform-backend-module-lint-autofix'));
backend.add(import('@catalyst/plugin-platform-backend-module-ci-repair'));
backend.add(import('@catalyst/plugin-platform-backend-module-release'));
backend.add(import('@catalyst/plugin-catalog-backend-module-specs'));
backend.add(import('@catalyst/plugin-techdocs-backend-module-specs'));
backend.add(import('@catalyst/plugin-observability-backend'));
backend.add(import('@catalyst/plugin-catalog-backend-module-observability'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// events bus, used by the catalog, signals and Catalyst's webhook intake
backend.add(import('@backstage/plugin-events-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
