import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { pluginRequester } from '@catalyst/backend-common';

/** The platform task type that investigates one firing episode of an alert. */
export const INCIDENT_INVESTIGATION = 'incident_investigation';

/** An alert occurrence linked to an entity, and the start of the episode it belongs to. */
export type AlertEpisode = {
  entityRef: string;
  fingerprint: string;
  alertName: string;
  startsAt: Date;
  episodeStart: Date;
};

/** Where the alert intake asks for investigations and withdraws them. */
export interface AlertInvestigations {
  firing(episode: AlertEpisode): Promise<void>;
  resolved(episode: AlertEpisode): Promise<void>;
}

/** `observability.investigations.enabled`, default true. */
export function readInvestigationsEnabled(config: Config): boolean {
  return (
    config.getOptionalBoolean('observability.investigations.enabled') ?? true
  );
}

const subjectOf = (episode: AlertEpisode) =>
  `${episode.fingerprint}@${episode.episodeStart.toISOString()}`;

/**
 * Asks the platform plugin, as this plugin's service principal, for one
 * `incident_investigation` task per fingerprint and episode (`once`: a
 * re-notification, or an episode's task that already ran, adds nothing), and
 * cancels the episode's task while it is still pending when the alert resolves.
 */
export class PlatformInvestigationRequests implements AlertInvestigations {
  private readonly send: ReturnType<typeof pluginRequester>;

  constructor(deps: { discovery: DiscoveryService; auth: AuthService }) {
    this.send = pluginRequester(deps, 'platform');
  }

  async firing(episode: AlertEpisode): Promise<void> {
    await this.send('/tasks', {
      method: 'POST',
      body: {
        entityRef: episode.entityRef,
        taskType: INCIDENT_INVESTIGATION,
        title: `Investigate ${episode.alertName} on ${episode.entityRef}`,
        subject: subjectOf(episode),
        priority: 10,
        payload: {
          fingerprint: episode.fingerprint,
          alertName: episode.alertName,
          startsAt: episode.startsAt.toISOString(),
          episodeStart: episode.episodeStart.toISOString(),
        },
        once: true,
      },
    });
  }

  async resolved(episode: AlertEpisode): Promise<void> {
    const query = new URLSearchParams({
      type: INCIDENT_INVESTIGATION,
      entityRef: episode.entityRef,
      status: 'pending',
      limit: '500',
    });
    const { items } = await this.send<{
      items: { id: number; subject?: string }[];
    }>(`/tasks?${query}`);
    const subject = subjectOf(episode);
    for (const task of items.filter(t => t.subject === subject)) {
      await this.send(`/tasks/${task.id}/cancel`, { method: 'POST' });
    }
  }
}
