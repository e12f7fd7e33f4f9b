import type { PlatformFeatureDeps } from '../features';
import { AgentContextService } from './AgentContextService';
import { createAgentContextRouter } from './agentContextRouter';
import { AgentContextStore } from './AgentContextStore';
import { StaleAgentsMdScanner } from './StaleAgentsMdScanner';

/**
 * Agent context: analyses components into AGENTS.md, checks staleness on a
 * schedule, and finds stale AGENTS.md files for the refresh task (its scanner
 * stays here because it reads this feature's agent_contexts rows).
 */
export async function createAgentContextFeature(deps: PlatformFeatureDeps) {
  const { config } = deps;
  const store = new AgentContextStore(deps.db);
  const service = new AgentContextService({
    store,
    checkouts: deps.checkouts,
    clone: {
      depth: config.agentContext.cloneDepth,
      history: config.agentContext.readHistory,
    },
    publisher: deps.publisher,
    integrations: deps.integrations,
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger,
  });
  await deps.scheduler.scheduleTask({
    id: 'platform-agent-context-check',
    frequency: { minutes: config.agentContext.checkIntervalMinutes },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      await service.checkAll();
    },
  });
  return {
    router: createAgentContextRouter({
      service,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
    scanners: [
      new StaleAgentsMdScanner(
        {
          frequency: { minutes: config.agentContext.checkIntervalMinutes },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 5 },
        },
        { store, integrations: deps.integrations },
      ),
    ],
  };
}
