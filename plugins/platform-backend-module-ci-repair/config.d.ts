export interface Config {
  platform?: {
    /** The CI repair loop (`@catalyst/plugin-platform-backend-module-ci-repair`). */
    ciRepair?: {
      /**
       * Repair pushes (the repository's own fixers, a lockfile refresh) per
       * chore pull request; 0 never pushes. Default 2.
       */
      maxPushes?: number;
      /**
       * Re-runs of checks that failed on infrastructure or a known flaky test,
       * per chore pull request; 0 never re-runs. Default 2.
       */
      maxReruns?: number;
    };
  };
}
