import type { PlatformFeatureDeps } from '../features';
import { AgentContextService } from './AgentContextService';
import { createAgentContextRouter } from './agentContextRouter';
import { AgentContextStore } from './AgentContextStore';
import { ScanPacer } from '../tasks/ScanPacer';
import { StaleAgentsMdScanner } from './StaleAgentsMdScanner';
import { AgentsMdRefreshExecutor } from './AgentsMdRefreshExecutor';

/**
 * Agent context: analyses components into AGENTS.md, checks staleness on a
 * schedule, finds stale AGENTS.md files (the scanner reads this feature's
 * agent_contexts rows) and refreshes them (the agents_md_refresh executor).
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
  // Paced: a short run every tick checks the contexts whose time has come,
  // so a cycle's clones spread over the interval.
  const pacer = new ScanPacer({
    db: deps.db,
    logger: deps.logger,
    config: config.scanPacing,
  });
  const checkId = 'platform-agent-context-check';
  const intervalMs = config.agentContext.checkIntervalMinutes * 60_000;
  await deps.scheduler.scheduleTask({
    id: checkId,
    frequency: config.scanPacing.enabled
      ? { milliseconds: pacer.tickMs(intervalMs) }
      : { milliseconds: intervalMs },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
    fn: async abortSignal => {
      await service.checkAll(
        abortSignal,
        pacer.pacerFor(checkId, intervalMs, abortSignal),
      );
    },
  });
  return {
    service,
    router: createAgentContextRouter({
      service,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
    // agents_md_refresh shares its branch, analysis and pull request body
    // with the refresh route, so it stays with this feature.
    executors: [
      new AgentsMdRefreshExecutor({
        checkouts: deps.checkouts,
        publisher: deps.publisher,
      }),
    ],
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
