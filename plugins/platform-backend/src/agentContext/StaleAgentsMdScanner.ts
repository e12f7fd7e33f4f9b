import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  parseGithubRepository,
  PlatformTaskInput,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import { AgentContextStore } from './AgentContextStore';

/**
 * `agents_md_refresh`: a task per GitHub repository whose last agent-context
 * check found AGENTS.md stale. Components read from a local folder are left
 * out: there is no repository to open a pull request on.
 */
export class StaleAgentsMdScanner implements PlatformTaskScanner {
  readonly id = 'stale-agents-md';
  readonly taskType = 'agents_md_refresh';

  constructor(
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly deps: {
      store: AgentContextStore;
      integrations: ScmIntegrationRegistry;
    },
  ) {}

  async scan(): Promise<PlatformTaskInput[]> {
    const inputs: PlatformTaskInput[] = [];
    for (const entityRef of await this.deps.store.listEntityRefs()) {
      const record = await this.deps.store.get(entityRef);
      if (!record?.stale || record.source.type === 'directory') continue;
      if (!this.deps.integrations.github.byUrl(record.source.location)) {
        continue;
      }
      const repository = parseGithubRepository(record.source.location);
      inputs.push({
        entityRef,
        title: `Refresh AGENTS.md of ${repository.owner}/${repository.repo}`,
        description: record.staleReason,
        repository: `${repository.owner}/${repository.repo}`,
        // One AGENTS.md per repository, however many components it holds.
        subject: 'AGENTS.md',
        payload: { repositoryUrl: repository.url },
      });
    }
    return inputs;
  }
}
