export interface Config {
  platform?: {
    /**
     * How repository tools run: the linters, formatters and package managers
     * of the `lint_autofix` and `dependency_update` tasks execute code the
     * repository controls (configs, lifecycle scripts, `.yarnrc.yml`
     * `yarnPath` and plugins).
     */
    isolation?: {
      /**
       * `bwrap` (default): bubblewrap user, mount, PID and network namespaces
       * on Linux; tasks that run repository tools fail when it is unavailable.
       * `none`: an admin's explicit opt-out that only clears the tools'
       * environment; repositories pinning `yarnPath` or Yarn plugins are then
       * refused.
       */
      mode?: 'bwrap' | 'none';
      /**
       * Absolute folders put on the tools' PATH and mounted read-only, after
       * the bin folder of the backend's Node.js and the folders where the
       * backend finds `yarn`, `pnpm` and `go` on its PATH. `/usr` is always
       * mounted.
       */
      toolchain?: string[];
      /** Other absolute folders the tools may read; never folders with secrets. */
      readOnlyPaths?: string[];
      /**
       * The npm registry package managers use (as a variable, never written to
       * a file). Default: `npm config get registry` of the backend.
       */
      npmRegistry?: string;
      /** Seconds one tool may run. Default 600. */
      timeoutSeconds?: number;
    };
  };
}
