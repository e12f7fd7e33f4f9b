import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AuthService } from '@backstage/backend-plugin-api';
import { parseInput } from '@catalyst/backend-common';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubIssueReporter,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { z } from 'zod';
import { InvestigationsConfig } from './config';
import { groupLogPatterns } from './evidence/logPatterns';
import { ObservabilityEvidence } from './evidence/ObservabilityEvidence';
import { entityRepository, RecentChanges } from './evidence/RecentChanges';
import { signalChanges } from './evidence/signalChanges';
import { rankCauses } from './ranking/rankCauses';
import { renderIssue } from './renderIssue';
import {
  InvestigationInput,
  InvestigationStore,
} from './store/InvestigationStore';

/** The task type the observability backend's alert intake queues. */
export const INCIDENT_INVESTIGATION = 'incident_investigation';

const payloadSchema = z.object({
  fingerprint: z.string().min(1).max(128),
  alertName: z.string().min(1).max(255),
  /** This notification's occurrence of the alert. */
  startsAt: z.string().datetime({ offset: true }),
  /** The episode's first start: flapping keeps it. */
  episodeStart: z.string().datetime({ offset: true }),
});

/**
 * `incident_investigation`: gathers the evidence of one firing episode, scoped to the
 * alert's entity (golden signals before and during, error log patterns, related alerts,
 * merged changes of the component and its dependencies), ranks probable causes, stores
 * the record, files or updates one GitHub issue per episode and hands the record to a
 * configured webhook. Deterministic: no model.
 */
export class InvestigationExecutor implements PlatformTaskExecutor {
  readonly taskType = INCIDENT_INVESTIGATION;

  constructor(
    private readonly deps: {
      evidence: Pick<ObservabilityEvidence, 'findAlert' | 'incident'>;
      changes: Pick<RecentChanges, 'read'>;
      store: InvestigationStore;
      issues: Pick<GithubIssueReporter, 'fileIssue'>;
      catalog: CatalogService;
      auth: AuthService;
      integrations: ScmIntegrationRegistry;
      config: InvestigationsConfig;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  async execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult> {
    const payload = parseInput(payloadSchema, task.payload, 'task payload');
    const { evidence, config } = this.deps;
    const alert = await evidence.findAlert(
      task.entityRef,
      payload.fingerprint,
      payload.startsAt,
    );
    if (!alert) {
      throw new Error(
        `The alert history of ${task.entityRef} has no ${payload.alertName} (${payload.fingerprint}) starting ${payload.startsAt}`,
      );
    }
    if (alert.status === 'resolved') {
      return {
        outcome: 'nothing_to_do',
        summary: `${payload.alertName} resolved at ${alert.endsAt} before the investigation ran`,
      };
    }
    const incident = await evidence.incident(alert.id);
    ctx.signal.throwIfAborted();
    const alertStart = Date.parse(payload.episodeStart);
    const warnings = [...incident.warnings];
    const signals = signalChanges(incident.goldenSignals, alertStart);
    const logPatterns = groupLogPatterns(incident.errorLogs, alertStart);
    const now = this.deps.now?.() ?? Date.now();
    const recent = await this.deps.changes.read(task.entityRef, {
      since: alertStart - config.changeLookbackMs,
      until: now,
    });
    warnings.push(...recent.warnings);
    const draft: InvestigationInput = {
      taskId: task.id,
      entityRef: task.entityRef,
      fingerprint: payload.fingerprint,
      alertName: payload.alertName,
      episodeStart: new Date(alertStart).toISOString(),
      window: incident.window,
      signals,
      logPatterns,
      logLines: {
        read: incident.errorLogs.length,
        // The incident route reads at most 200 error lines.
        limitReached: incident.errorLogs.length >= 200,
      },
      relatedAlerts: incident.relatedAlerts.slice(0, 50).map(a => ({
        alertName: a.alertName,
        fingerprint: a.fingerprint,
        status: a.status,
        startsAt: a.startsAt,
      })),
      changes: recent.changes,
      deployments: recent.deployments,
      causes: rankCauses({
        signals,
        logPatterns,
        changes: recent.changes,
        deployments: recent.deployments,
        alertStart,
      }),
      warnings,
    };
    ctx.signal.throwIfAborted();
    // `prepare` (dry-run, or before approval) stores the record and leaves GitHub and
    // the hand-off alone; `apply` files the issue and hands the record on.
    const apply = ctx.phase === 'apply';
    if (apply && config.issues.enabled) {
      draft.issue = await this.fileIssue(draft);
    }
    const saved = await this.deps.store.save(draft, new Date(now));
    if (apply && config.handOff) await this.handOff(saved, config.handOff);
    const top = saved.causes[0];
    return {
      outcome: 'done',
      summary: top
        ? `Most probable: ${top.title}: ${top.reason}`
        : 'No probable cause stands out',
    };
  }

  private async fileIssue(draft: InvestigationInput) {
    const entity = await this.deps.catalog.getEntityByRef(draft.entityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    const repository =
      entity && entityRepository(entity, this.deps.integrations);
    if (!repository) {
      draft.warnings.push(
        `No issue was filed: ${draft.entityRef} names no GitHub repository Catalyst can write to`,
      );
      return undefined;
    }
    const { title, body } = renderIssue(draft);
    const filed = await this.deps.issues.fileIssue({
      repository: repository.url,
      key: `incident-investigation:${draft.fingerprint}:${draft.episodeStart}`,
      title,
      body,
      labels: this.deps.config.issues.labels,
    });
    return filed.issue;
  }

  private async handOff(
    record: unknown,
    target: NonNullable<InvestigationsConfig['handOff']>,
  ) {
    // The record and the issue stand whatever the team's own tool answers.
    try {
      const res = await fetch(target.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
        },
        body: JSON.stringify(record),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) {
        this.deps.logger.warn(
          `The investigation hand-off to ${target.webhookUrl} answered HTTP ${res.status}`,
        );
      }
    } catch (error) {
      this.deps.logger.warn(
        `The investigation hand-off to ${target.webhookUrl} failed: ${error}`,
      );
    }
  }
}
