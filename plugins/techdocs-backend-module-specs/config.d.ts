import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  techdocs?: {
    /** Catalyst's TechDocs module for Spec entities. */
    specs?: {
      /**
       * Builds the sites that this backend renders from sources it reads
       * itself (Spec entities, and `dir:` docs of entities registered from
       * files) ahead of their first visit, so that TechDocs search indexes
       * them. Unchanged sites cost a content hash.
       */
      prebuild?: {
        /** Default true. */
        enabled?: boolean;
        /**
         * Default: every 10 minutes, 30 seconds after start, 15 minutes
         * timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
