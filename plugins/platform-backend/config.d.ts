export interface Config {
  /** Configuration of the Catalyst platform plugin. */
  platform?: {
    github?: {
      /**
       * Secret of the GitHub webhook that posts to /api/platform/webhooks/github.
       * Deliveries without a valid X-Hub-Signature-256 are rejected with 401.
       * @visibility secret
       */
      webhookSecret?: string;
      /** The record of GitHub webhook deliveries, which drops replays. */
      deliveries?: {
        /**
         * Days a delivery id is kept; older ones are pruned daily, and a
         * replay of a pruned delivery is handled again. Default 14.
         */
        retentionDays?: number;
        /**
         * Seconds a delivery being handled holds off a redelivery of the same
         * id (answered 409). After that the handling is taken to have died
         * with its process, and a redelivery is handled. Default 120.
         */
        claimTimeoutSeconds?: number;
      };
    };
    specs?: {
      /**
       * Minutes between full re-indexes of every component's specs. Pushes to
       * the default branch re-index a repository at once. Default 30.
       */
      refreshIntervalMinutes?: number;
      /**
       * Components whose specs are read at once during a full re-index: each
       * costs a conditional branch read and, when it changed, an archive read,
       * so with one at a time an organisation's index takes the sum of their
       * round trips. Default 4 (GitHub asks integrations to keep concurrent
       * requests low; its secondary limit answers bursts with 429).
       */
      concurrency?: number;
      /**
       * Folders under which a `file:` or `dir:` location named by
       * `catalyst.dev/specs-location` or `backstage.io/source-location` may
       * be read (relative ones from the backend's working directory). Such a
       * location elsewhere, links followed, is refused; the folder of the
       * catalog file an entity was registered from is always allowed.
       * Default: none.
       */
      localRoots?: string[];
    };
    /** The AGENTS.md context of components (the Agent context tab). */
    agentContext?: {
      /**
       * Minutes of one cycle of re-analyses over every stored agent context,
       * which mark the contexts whose committed AGENTS.md is stale; the
       * contexts are spread over it (`platform.scanPacing`). Default 360.
       */
      checkIntervalMinutes?: number;
      /**
       * Commits fetched when cloning a GitHub repository to read its history
       * (`git clone --depth`). Default 50.
       */
      cloneDepth?: number;
      /**
       * Clone GitHub repositories so that commit and branch conventions are
       * read from their history. When false, repositories are read through
       * the UrlReader as files only. Default true.
       */
      readHistory?: boolean;
    };
    /** Convention drift of components (the compliance overview and `convention_fix` tasks). */
    conventions?: {
      /**
       * Minutes of one drift scan cycle over every catalog component; each
       * component's check records its compliance and queues a
       * `convention_fix` task for a drifted one. The components are spread
       * over the cycle (`platform.scanPacing`), and one on GitHub whose
       * branch head and rules did not change since its last check is not
       * cloned again. Default 360.
       */
      scanIntervalMinutes?: number;
    };
    /**
     * How scans spread their per-repository work over their interval (the
     * drift scanner, the agent context check, and module scanners that ask
     * for it, such as lint-autofix): instead of every repository at once,
     * the job runs every tick and takes the repositories whose time has come,
     * evenly over the interval and at most about one per tick when there are
     * few. The cycle's progress is kept in the database, so a restart or
     * another replica carries on where the last run stopped.
     */
    scanPacing?: {
      /** Whether scans are paced; false runs each cycle at once at its interval. Default true. */
      enabled?: boolean;
      /** Seconds between the runs of a paced scan's job. Default 60. */
      tickSeconds?: number;
    };
    /** The durable queue of platform tasks and its worker. */
    tasks?: {
      /** Names this replica in task leases. Default `<hostname>:<pid>`. */
      workerId?: string;
      /**
       * Seconds between polls for due tasks. Default 5. On PostgreSQL a task
       * that becomes runnable also wakes the workers at once (LISTEN/NOTIFY);
       * the poll picks up tasks whose retry time came and covers a lost
       * listening connection.
       */
      frequencySeconds?: number;
      /**
       * Whether LISTEN/NOTIFY wakes the worker on PostgreSQL. Default true. Turn it
       * off behind a connection pooler in transaction mode (PgBouncer), which
       * cannot hold a LISTEN; the worker then polls every `frequencySeconds`.
       */
      wakeUps?: boolean;
      /**
       * Tasks one replica claims and runs at a time. Default 4. Full batches
       * are followed by the next one at once until the backlog is worked off.
       */
      batchSize?: number;
      /**
       * Seconds a claimed task is held without a lease renewal before
       * another replica may claim it again. Default 300.
       */
      leaseSeconds?: number;
      /** Exponential backoff with full jitter between attempts. */
      backoff?: {
        /** Default 30. */
        baseSeconds?: number;
        /** Default 3600. */
        capSeconds?: number;
      };
      /** Circuit breakers per repository and task type, and for GitHub as a whole. */
      breaker?: {
        /** Consecutive failures that open a breaker. Default 5. */
        failureThreshold?: number;
        /** Seconds an open breaker waits before one probe. Default 600. */
        cooldownSeconds?: number;
      };
      /**
       * Merging the pull requests of `auto-merge` tasks once every check on
       * their head passed. A failed check leaves the pull request open.
       */
      autoMerge?: {
        /** Minutes between looks at the waiting pull requests. Default 5. */
        intervalMinutes?: number;
        /** Default `squash`. */
        mergeMethod?: 'squash' | 'merge' | 'rebase';
        /** Whether a pull request with no check run at all waits (default) or merges. */
        requireChecks?: boolean;
        /** Pull requests looked at per run. Default 20. */
        batchSize?: number;
      };
      /**
       * What happens to prepared changes; the first matching entry wins, and
       * changes wait for approval when none matches.
       */
      approvalPolicies?: Array<{
        /** Glob over `owner/name`; `*` stays within a segment, `**` crosses it. */
        repository?: string;
        taskType?: string;
        policy: 'auto-merge' | 'require-approval' | 'dry-run';
      }>;
    };
  };
}
