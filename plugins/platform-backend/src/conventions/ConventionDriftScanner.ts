import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  InProcessScanPacer,
  parseGithubRepository,
  PlatformTaskInput,
  PlatformTaskScanContext,
  PlatformTaskScanMemory,
  PlatformTaskScanner,
  resolveSpecSource,
} from '@catalyst/plugin-platform-node';
import { ConventionsService } from './ConventionsService';
import { CONVENTION_FIX_TASK_TYPE } from './conventionFixExecutor';
import { publishTargetOf } from '../catalog/publishTarget';

/** What the scanner keeps per component between cycles. */
interface DriftMemory {
  /** The commit the last check read. */
  revision: string;
  /** The rule set and annotations it was checked against (`checkInputs`). */
  inputs: string;
  /** The task it gave, if the component drifted. */
  task?: PlatformTaskInput;
}

/**
 * `convention_fix`: a task per catalog component on GitHub whose repository
 * drifted from its convention pack. The report of every component with a
 * readable source (GitHub or a local folder) is computed, which records its
 * compliance for the overview; clean components, and components off GitHub
 * (no pull request to open), give no task. A component that cannot be
 * checked is logged and skipped.
 *
 * The components are spread over the interval (`pacing`). A component on
 * GitHub whose branch head (`git ls-remote`, no API request) and rule set
 * are the ones it was last checked at (the commit its clone read) is not
 * cloned again: its report stands, and its task, if it drifted, is found
 * again.
 */
export class ConventionDriftScanner implements PlatformTaskScanner {
  readonly id = 'convention-drift';
  readonly taskType = CONVENTION_FIX_TASK_TYPE;
  readonly pacing: { intervalMinutes: number };
  private readonly inProcess = new InProcessScanPacer();

  constructor(
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly deps: {
      service: Pick<
        ConventionsService,
        'inspect' | 'checkInputs' | 'revision' | 'confirmReport'
      >;
      catalog: CatalogService;
      auth: AuthService;
      integrations: ScmIntegrationRegistry;
      logger: LoggerService;
      /** One cycle over every component; default 360 minutes. */
      intervalMinutes?: number;
    },
  ) {
    this.pacing = { intervalMinutes: deps.intervalMinutes ?? 360 };
  }

  async scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]> {
    const { catalog, auth } = this.deps;
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const pace = ctx.pace ?? this.inProcess.pace;
    return pace({
      // Nothing to read: not a failure, just nothing to check.
      items: items.filter(entity => resolveSpecSource(entity)),
      key: entity => stringifyEntityRef(entity),
      scan: (entity, memory) => this.scanComponent(entity, memory),
    });
  }

  private async scanComponent(
    entity: Entity,
    memory: PlatformTaskScanMemory,
  ): Promise<PlatformTaskInput | undefined> {
    const { integrations, service, logger } = this.deps;
    const entityRef = stringifyEntityRef(entity);
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
      const previous = memory.previous as DriftMemory | undefined;
      const inputs = await service.checkInputs(entity);
      // Checked before: is the branch still at that commit? (First time: the clone tells.)
      if (
        previous &&
        previous.inputs === inputs &&
        previous.revision === (await service.revision(entity)) &&
        (await service.confirmReport(entityRef))
      ) {
        return previous.task;
      }
      const { report, revision } = await service.inspect(entityRef);
      let task: PlatformTaskInput | undefined;
      if (report.drifted && repository) {
        const drifted = report.items.filter(
          item => item.status === 'drift' || item.status === 'missing',
        );
        task = {
          entityRef,
          title: `Apply the ${report.pack.title} conventions to ${repository}`,
          description: `Drifted from the ${report.pack.id} pack:\n${drifted
            .map(item => `- ${item.name} (${item.status})`)
            .join('\n')}`,
          repository,
          // One convention pull request per repository.
          subject: 'conventions',
        };
      }
      const kept: DriftMemory | undefined = revision
        ? { revision, inputs, ...(task && { task }) }
        : undefined;
      memory.keep(kept as Record<string, unknown> | undefined);
      return task;
    } catch (error) {
      logger.warn(`Could not check the conventions of ${entityRef}: ${error}`);
      return undefined;
    }
  }
}
