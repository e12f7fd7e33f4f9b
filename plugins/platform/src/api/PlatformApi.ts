import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AgentContextRefreshResponse,
  AgentContextStaleness,
  AgentContextView,
  SpecDetail,
  SpecFileContent,
  SpecListQuery,
  SpecListResponse,
  SpecRefreshResponse,
} from '@catalyst/plugin-platform-common';

/**
 * Names one spec folder: the component it belongs to and the folder's slug.
 *
 * @public
 */
export interface SpecLocator {
  /** The component's entity ref (`component:default/payments-api`). */
  entityRef: string;
  /** The folder name (`001-auth`). */
  slug: string;
}

/**
 * The Catalyst platform backend, `/api/platform`, as the frontend uses it.
 *
 * @public
 */
export interface PlatformApi {
  /** The spec portfolio, filtered, ordered and paged on the server. */
  listSpecs(query?: SpecListQuery): Promise<SpecListResponse>;
  /** One spec folder with its tasks, stories, requirements and pull requests. */
  getSpec(spec: SpecLocator): Promise<SpecDetail>;
  /** One file of a spec folder; `path` is relative to the folder (`contracts/api.yaml`). */
  getSpecFile(spec: SpecLocator & { path: string }): Promise<SpecFileContent>;
  /** Re-indexes a component's specs now instead of on the next schedule. */
  refreshSpecs(options: { entityRef: string }): Promise<SpecRefreshResponse>;
  /** A component's stored agent context; a 404 `ResponseError` until it is generated. */
  getAgentContext(options: { entityRef: string }): Promise<AgentContextView>;
  /** Analyses the component's repository now and stores its agent context. */
  generateAgentContext(options: {
    entityRef: string;
  }): Promise<AgentContextView>;
  /** Compares a fresh analysis with the committed AGENTS.md, now. */
  checkAgentContext(options: {
    entityRef: string;
  }): Promise<AgentContextStaleness>;
  /** Opens, or updates, the pull request that refreshes the repository's AGENTS.md. */
  refreshAgentContext(options: {
    entityRef: string;
  }): Promise<AgentContextRefreshResponse>;
}

/**
 * The {@link PlatformApi}.
 *
 * @public
 */
export const platformApiRef = createApiRef<PlatformApi>().with({
  id: 'plugin.platform',
  pluginId: 'platform',
});
