export interface Config {
  platform?: {
    tasks?: {
      /**
       * Flaky-test scanners: each reads a folder of JUnit XML reports, one
       * sub-folder per commit, and queues a `flaky_test` task per test that
       * passed and failed on the same commit.
       */
      flakyTests?: Array<{
        /** Unique; names the scheduled scan. */
        id: string;
        /** The reports folder (`<reportsDir>/<commit sha>/*.xml`). */
        reportsDir: string;
        /** The component the tests belong to. */
        entityRef: string;
        /** `owner/name` of its GitHub repository. */
        repository: string;
        /** The repository's URL when it is not on github.com. */
        repositoryUrl?: string;
        /** Hours of reports read. Default 168 (a week). */
        windowHours?: number;
        /** Passes in a row after the last failure that clear a test. Default 10. */
        clearAfterPasses?: number;
        /** Minutes between scans. Default 60. */
        frequencyMinutes?: number;
      }>;
    };
  };
}
