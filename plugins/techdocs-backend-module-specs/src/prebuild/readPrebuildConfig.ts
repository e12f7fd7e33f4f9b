import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';

/** How and when local TechDocs sites are built ahead of their first visit. */
export interface PrebuildConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/** Reads `techdocs.specs.prebuild` with its defaults. */
export function readPrebuildConfig(config: RootConfigService): PrebuildConfig {
  const prebuild = config.getOptionalConfig('techdocs.specs.prebuild');
  return {
    enabled: prebuild?.getOptionalBoolean('enabled') ?? true,
    schedule: prebuild?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          prebuild.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}
