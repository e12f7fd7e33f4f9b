export interface Config {
  platform?: {
    /** The lint-fix loop (`@catalyst/plugin-platform-backend-module-lint-autofix`). */
    lintAutofix?: {
      /** Whether the scanner queues `lint_autofix` tasks. Default false. */
      enabled?: boolean;
      /**
       * Minutes of one scan cycle over the component repositories, which are
       * spread over it (`platform.scanPacing`). Default 360.
       */
      scanFrequencyMinutes?: number;
      /**
       * Repositories (`owner/name`) that opt in. With `owners` also empty,
       * every component repository using ESLint or Prettier does.
       */
      repositories?: string[];
      /** GitHub owners (organisations, users) whose repositories opt in. */
      owners?: string[];
      /** At most this many tasks queued per cycle. Default 10. */
      maxTasksPerCycle?: number;
    };
  };
}
