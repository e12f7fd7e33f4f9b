export interface Config {
  platform?: {
    /** The release agent (`@catalyst/plugin-platform-backend-module-release`). */
    release?: {
      /**
       * Repositories (`owner/name`) that already release with release-please,
       * semantic-release or changesets in CI and that Catalyst should release
       * anyway. Every other such repository is left alone.
       */
      optIn?: string[];
      /** Minutes between scans for releasable commits. Default 60. */
      scanFrequencyMinutes?: number;
      /** Minutes between checks for merged release pull requests to tag. Default 5. */
      tagFrequencyMinutes?: number;
    };
  };
}
