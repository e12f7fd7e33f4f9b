export interface Config {
  platform?: {
    tasks?: {
      /**
       * `dependency_update` tasks: outdated npm dependencies and Go modules of
       * every catalog component on a GitHub repository, security fixes
       * (GitHub's advisory database) first. No registry or proxy: no scanning.
       */
      dependencyUpdates?: {
        /**
         * Base URL of the npm registry whose `latest` versions are proposed and
         * that lockfiles resolve against. Unset: package.json is not scanned.
         */
        npmRegistry?: string;
        /**
         * Base URL of a Go module proxy (GOPROXY protocol) whose highest
         * releases are proposed and that `go get` downloads from. Unset:
         * go.mod is not scanned.
         */
        goProxy?: string;
        /** GOSUMDB for go.sum refreshes, e.g. `off` behind a private proxy. Go's default when unset. */
        goSumDb?: string;
        /**
         * `per-dependency` (default): a pull request per dependency;
         * `non-major-together`: one per package.json for patch and minor
         * updates; `per-repository`: one per repository for them. Majors and
         * security fixes always get their own.
         */
        grouping?: 'per-dependency' | 'per-repository' | 'non-major-together';
        /** Package names never updated; a trailing `*` matches a prefix (`@types/*`). */
        ignore?: string[];
        /** Minutes between scans. Default 1440 (a day). */
        frequencyMinutes?: number;
        /** Seconds one registry request may take. Default 10. */
        registryTimeoutSeconds?: number;
      };
    };
  };
}
