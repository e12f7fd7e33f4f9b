import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  parseGithubRepository,
  PlatformTaskInput,
  resolveSpecSource,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import { ConventionsService } from './ConventionsService';
import { CONVENTION_FIX_TASK_TYPE } from './conventionFixExecutor';
import { publishTargetOf } from '../catalog/publishTarget';

/**
 * `convention_fix`: a task per catalog component on GitHub whose repository
 * drifted from its convention pack. The report of every component with a
 * readable source (GitHub or a local folder) is computed, which records its
 * compliance for the overview; clean components, and components off GitHub
 * (no pull request to open), give no task. A component that cannot be
 * checked is logged and skipped.
 */
export class ConventionDriftScanner implements PlatformTaskScanner {
  readonly id = 'convention-drift';
  readonly taskType = CONVENTION_FIX_TASK_TYPE;

  constructor(
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly deps: {
      service: Pick<ConventionsService, 'report'>;
      catalog: CatalogService;
      auth: AuthService;
      integrations: ScmIntegrationRegistry;
      logger: LoggerService;
    },
  ) {}

  async scan(ctx: { signal: AbortSignal }): Promise<PlatformTaskInput[]> {
    const { catalog, auth, integrations, service, logger } = this.deps;
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const inputs: PlatformTaskInput[] = [];
    for (const entity of items) {
      if (ctx.signal.aborted) break;
      const entityRef = stringifyEntityRef(entity);
      // Nothing to read: not a failure, just nothing to check.
      if (!resolveSpecSource(entity)) continue;
      let repository: string | undefined;
      try {
        const target = parseGithubRepository(
          publishTargetOf(entity, integrations).repository,
        );
        repository = `${target.owner}/${target.repo}`;
      } catch (error) {
        // Not on GitHub: its compliance is recorded, no pull request opened.
        if (!(error instanceof InputError)) throw error;
      }
      try {
        const report = await service.report(entityRef);
        if (!report.drifted || !repository) continue;
        const drifted = report.items.filter(
          item => item.status === 'drift' || item.status === 'missing',
        );
        inputs.push({
          entityRef,
          title: `Apply the ${report.pack.title} conventions to ${repository}`,
          description: `Drifted from the ${report.pack.id} pack:\n${drifted
            .map(item => `- ${item.name} (${item.status})`)
            .join('\n')}`,
          repository,
          // One convention pull request per repository.
          subject: 'conventions',
        });
      } catch (error) {
        logger.warn(
          `Could not check the conventions of ${entityRef}: ${error}`,
        );
      }
    }
    return inputs;
  }
}
