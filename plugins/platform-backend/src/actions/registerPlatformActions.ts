import { AuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SpecSourceReader } from '@catalyst/plugin-platform-node';
import { AgentContextService } from '../agentContext/AgentContextService';
import { ConventionsService } from '../conventions/ConventionsService';
import { SpecStore } from '../specs/SpecStore';
import { TaskQueue } from '../tasks/TaskQueue';
import { TaskStore } from '../tasks/TaskStore';
import { registerAgentContextActions } from './agentContextActions';
import { registerConventionActions } from './conventionActions';
import { registerSpecActions } from './specActions';
import { registerTaskActions } from './taskActions';

/**
 * Registers the platform's actions (served as MCP tools by
 * `@backstage/plugin-mcp-actions-backend`), most useful to an agent first.
 * Each reads through the same store or service as the route it mirrors,
 * with the caller's credentials.
 */
export function registerPlatformActions(
  registry: ActionsRegistryService,
  deps: {
    catalog: CatalogService;
    auth: AuthService;
    permissions: PermissionsService;
    specs: { store: SpecStore; reader: Pick<SpecSourceReader, 'readFile'> };
    agentContext: { service: AgentContextService };
    conventions: { service: ConventionsService };
    tasks: { store: TaskStore; queue: TaskQueue; taskTypes: string[] };
  },
): void {
  registerSpecActions(registry, { ...deps.specs, catalog: deps.catalog });
  registerAgentContextActions(registry, deps.agentContext);
  registerConventionActions(registry, deps.conventions);
  registerTaskActions(registry, {
    ...deps.tasks,
    permissions: deps.permissions,
    catalog: deps.catalog,
    auth: deps.auth,
  });
}
