import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  GithubBudgetResponse,
  AgentContextRefreshResponse,
  AgentToolsView,
  AgentContextStaleness,
  AgentContextView,
  ComponentReleases,
  ConventionComplianceOverview,
  ConventionsFixResponse,
  ConventionsReport,
  PlatformTask,
  PlatformTaskBreaker,
  PlatformTaskDetails,
  PlatformTaskPage,
  PlatformTaskStatus,
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
 * Filters and page of `GET /tasks`; every filter narrows the list.
 *
 * @public
 */
export interface PlatformTaskListQuery {
  /** Any of these statuses. */
  status?: PlatformTaskStatus[];
  /** The task type (`convention_fix`). */
  type?: string;
  /** The component's entity ref. */
  entityRef?: string;
  /** `owner/name` of the GitHub repository. */
  repository?: string;
  offset?: number;
  limit?: number;
}

/**
 * Filters and page of `GET /conventions`.
 *
 * @public
 */
export interface ConventionComplianceQuery {
  /** Only drifted (`true`) or only compliant (`false`) components. */
  drifted?: boolean;
  /** Only components on this convention pack. */
  packId?: string;
  /** Text the entity ref contains. */
  q?: string;
  offset?: number;
  limit?: number;
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
  /** The portal's MCP endpoint and the Catalyst tools the user may use on the component. */
  getAgentTools(options: { entityRef: string }): Promise<AgentToolsView>;
  /** The platform task queue, filtered and paged on the server, newest first. */
  listTasks(query?: PlatformTaskListQuery): Promise<PlatformTaskPage>;
  /** One task with its attempts and the breakers that gate it. */
  getTask(id: number): Promise<PlatformTaskDetails>;
  /** Every circuit breaker over GitHub work, closed ones included. */
  listTaskBreakers(): Promise<{ items: PlatformTaskBreaker[] }>;
  /** The backend's GitHub requests per feature in the last hour, and what remains of the limit. */
  getGithubBudget(): Promise<GithubBudgetResponse>;
  /** Runs a failed or cancelled task again. */
  retryTask(id: number): Promise<PlatformTask>;
  /** Cancels an open task. */
  cancelTask(id: number): Promise<PlatformTask>;
  /** Lets a task that holds a prepared change go on. */
  approveTask(id: number): Promise<PlatformTask>;
  /** A component's drift against its convention pack, with its open pull request. */
  getConventions(options: { entityRef: string }): Promise<ConventionsReport>;
  /** Opens, or updates, the pull request that fixes a component's drift. */
  fixConventions(options: {
    entityRef: string;
  }): Promise<ConventionsFixResponse>;
  /** Compliance of every scanned component, drifted first. */
  listConventionCompliance(
    query?: ConventionComplianceQuery,
  ): Promise<ConventionComplianceOverview>;
  /**
   * A component's next release (commits, version and why), its open release
   * pull request and its past releases; `package` names a workspace package.
   */
  getReleases(options: {
    entityRef: string;
    package?: string;
  }): Promise<ComponentReleases>;
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
