import {
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  ActionsServiceAction,
} from '@backstage/backend-plugin-api/alpha';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  observabilityAlertsReadPermission,
  observabilityQueryReadPermission,
} from '@catalyst/plugin-observability-common';
import type { AgentToolsView } from '@catalyst/plugin-platform-common';
import { taskManagePermission } from '@catalyst/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { entityRefOf } from '../agentContext/agentContextRouter';

/** The plugins whose actions are Catalyst's tools. */
const CATALYST_PLUGINS = new Set(['platform', 'observability']);

/**
 * What each tool checks beyond catalog visibility, as the route it mirrors:
 * a tool the caller would only get a NotAllowedError from is not offered.
 */
const TOOL_PERMISSIONS: Record<string, Permission> = {
  'platform.enqueue-platform-task': taskManagePermission,
  'observability.query-metrics': observabilityQueryReadPermission,
  'observability.query-logs': observabilityQueryReadPermission,
  'observability.get-golden-signals': observabilityQueryReadPermission,
  'observability.list-alerts': observabilityAlertsReadPermission,
  'observability.get-incident': observabilityAlertsReadPermission,
};

/**
 * `GET /agent-tools/:kind/:namespace/:name`: the portal's MCP endpoint and
 * the Catalyst tools (actions served by mcp-actions-backend) that take the
 * component's entity ref, as far as the caller may use them on it.
 */
export function createAgentToolsRouter(options: {
  actions: ActionsService;
  catalog: CatalogService;
  discovery: DiscoveryService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  config: Config;
}): express.Router {
  const { actions, catalog, discovery, httpAuth, permissions, config } =
    options;
  const namespaced =
    config.getOptionalBoolean('mcpActions.namespacedToolNames') ?? true;
  const serverName = config.getOptionalString('mcpActions.name') ?? 'backstage';
  const toolName = (action: ActionsServiceAction) =>
    namespaced ? `${action.pluginId}.${action.name}` : action.name;

  async function allowed(
    tools: ActionsServiceAction[],
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ActionsServiceAction[]> {
    const checked = tools.filter(
      a => TOOL_PERMISSIONS[`${a.pluginId}.${a.name}`],
    );
    const decisions = await permissions.authorize(
      checked.map(a => {
        const permission = TOOL_PERMISSIONS[`${a.pluginId}.${a.name}`];
        return isResourcePermission(permission)
          ? { permission, resourceRef: entityRef }
          : { permission };
      }),
      { credentials },
    );
    const denied = new Set(
      checked
        .filter((_, i) => decisions[i].result === AuthorizeResult.DENY)
        .map(a => a.id),
    );
    return tools.filter(a => !denied.has(a.id));
  }

  const router = Router();
  router.get('/agent-tools/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefOf(req.params);
    if (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
      throw new NotFoundError(`${entityRef} is not in the catalog`);
    }
    const { actions: listed } = await actions.list({ credentials });
    const aboutEntities = listed.filter(
      a =>
        CATALYST_PLUGINS.has(a.pluginId) &&
        Object.keys(a.schema.input.properties ?? {}).includes('entityRef'),
    );
    const tools = await allowed(aboutEntities, entityRef, credentials);
    const body: AgentToolsView = {
      entityRef,
      endpoint: `${await discovery.getExternalBaseUrl('mcp-actions')}/v1`,
      serverName,
      tools: tools.map(a => ({
        name: toolName(a),
        title: a.title,
        description: a.description,
        readOnly: a.attributes.readOnly,
      })),
    };
    res.json(body);
  });
  return router;
}
