export interface Config {
  /** Configuration of the Catalyst observability plugin. */
  observability?: {
    prometheus?: {
      /**
       * Prometheus servers. An entity picks one by name with the annotation
       * `catalyst.dev/prometheus-instance`; without it the first is used.
       */
      instances?: Array<{
        /** Name used in annotations and error messages. */
        name: string;
        /** Base URL, e.g. http://prometheus:9090 (without /api/v1). */
        baseUrl: string;
        /**
         * Headers sent with every request, e.g. Authorization.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** Request timeout: milliseconds or a duration such as `10s`. Default 10s. */
        timeout?: number | string;
        /**
         * Standalone rule application: Catalyst writes one rule file per entity into this
         * directory and POSTs /-/reload (Prometheus needs --web.enable-lifecycle and a
         * `rule_files` glob covering the directory). Without it rules are only stored.
         */
        ruleFilesDirectory?: string;
      }>;
    };
    logs?: {
      /**
       * Log stores. An entity picks one by name with the annotation
       * `catalyst.dev/logs-instance`; without it the first is used. Every query is scoped on
       * the server to the entity's stream labels.
       */
      instances?: Array<{
        /** Name used in annotations and error messages. */
        name: string;
        /**
         * `victorialogs` (default): VictoriaLogs, queried in LogsQL, scoped with its
         * `extra_stream_filters` argument. `loki`: an opt-in adapter for a Loki you run
         * yourself, queried in LogQL and scoped by rewriting the query; it is not run
         * against a Loki server in this project's tests.
         */
        type?: 'victorialogs' | 'loki';
        /** Base URL, e.g. http://victorialogs:9428 (without /select/logsql). */
        baseUrl: string;
        /**
         * Headers sent with every request, e.g. Authorization, or AccountID / ProjectID
         * for a VictoriaLogs tenant.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** Request timeout: milliseconds or a duration such as `10s`. Default 10s. */
        timeout?: number | string;
      }>;
    };
    alertmanager?: {
      /**
       * Alertmanager servers (API v2). An entity picks one with
       * `catalyst.dev/alertmanager-instance`; default the first.
       */
      instances?: Array<{
        name: string;
        /** Base URL, e.g. http://alertmanager:9093 (without /api/v2). */
        baseUrl: string;
        /**
         * Headers sent with every request.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** Request timeout: milliseconds or a duration such as `10s`. Default 10s. */
        timeout?: number | string;
      }>;
      /**
       * Shared secret Alertmanager sends as `Authorization: Bearer <secret>` to
       * POST /api/observability/webhooks/alertmanager. Without it the intake answers 503.
       * @visibility secret
       */
      webhookSecret?: string;
      /**
       * Path, as Alertmanager sees it, of a file holding the same secret: the rendered
       * receiver config reads the bearer token from it (credentials_file), so the secret
       * never appears in rendered text. Default /etc/alertmanager/catalyst-webhook-secret.
       */
      webhookSecretFile?: string;
      /**
       * URL Alertmanager should post to, written into the rendered receiver config.
       * Default: backend.baseUrl + /api/observability/webhooks/alertmanager.
       */
      webhookUrl?: string;
      /** Alertmanager route timings written into the rendered config. */
      route?: {
        /** Default 10s. */
        groupWait?: string;
        /** Default 1m. */
        groupInterval?: string;
        /** Default 4h. */
        repeatInterval?: string;
      };
    };
    /** Bounds on user queries. */
    /**
     * Alert investigations: every firing alert linked to an entity queues one
     * `incident_investigation` platform task per fingerprint and firing episode
     * (POST /api/platform/tasks as this plugin's service principal), cancelled
     * while pending when the alert resolves. Needs the platform plugin with
     * @catalyst/plugin-platform-backend-module-investigations.
     */
    investigations?: {
      /** Default true. */
      enabled?: boolean;
    };
    limits?: {
      /** Longest query_range / logs window. Default 7d. */
      maxRange?: string;
      /**
       * How far back a PromQL query may read before its evaluation times: ranges,
       * subqueries, `offset` and `@` added up (`x[30d]`, `x offset 90d` are refused with
       * 400). Default 7d.
       */
      maxLookback?: string;
      /**
       * Most bytes of one answer of Prometheus, Alertmanager or the log store that are
       * read; a larger answer is refused with 502 before it fills the backend's memory.
       * Default 67108864 (64 MiB).
       */
      maxResponseBytes?: number;
      /** Most points per series; the step is raised to stay under it. Default 11000. */
      maxPoints?: number;
      /** Most series returned; more are cut off and flagged. Default 500. */
      maxSeries?: number;
      /** Most log lines per request, at most 5000. Default 5000. */
      maxLogLines?: number;
      /** Server-side evaluation timeout passed to Prometheus and the log store. Default 30s. */
      queryTimeout?: string;
    };
    goldenSignals?: {
      /**
       * Which metric names to use when an entity has no `catalyst.dev/golden-signals`
       * annotation: `auto` (default) looks up which instrumentation has series in the scope.
       */
      instrumentation?: 'auto' | 'prometheus-client' | 'opentelemetry';
      /** Overrides of single metric names, applied over the instrumentation's defaults. */
      metrics?: {
        requestDuration?: string;
        statusLabel?: string;
        errorStatus?: string;
        cpuUsage?: string;
        memoryUsage?: string;
        resourceLimits?: string;
      };
      /** Rate window of the golden-signal queries. Default 5m. */
      rateWindow?: string;
    };
    rules?: {
      /** Evaluation interval of the rendered rule groups. Default 15s. */
      evaluationInterval?: string;
      /** `for` of rules created without a duration. Default 1m. */
      defaultDuration?: string;
      /** Rate window of threshold rules. Default 5m. */
      rateWindow?: string;
      /**
       * How an entity's rendered rule group reaches Prometheus, for every Prometheus instance
       * (global, because the backend talks to one Kubernetes cluster, `observability.kubernetes`):
       * `standalone` (default) writes a rule file into the instance's `ruleFilesDirectory` and
       * reloads Prometheus; `kubernetes` server-side applies one `PrometheusRule`
       * (monitoring.coreos.com/v1) per entity, as field manager `catalyst-observability`, for
       * prometheus-operator to load. An entity without enabled rules has no object.
       */
      mode?: 'standalone' | 'kubernetes';
      /** Where and how PrometheusRule objects are written in `kubernetes` mode. */
      kubernetes?: {
        /**
         * Namespace of every PrometheusRule. Default: the entity's
         * `backstage.io/kubernetes-namespace` annotation, else its catalog namespace. An
         * ObservabilityStack's Prometheus only loads rules from the stack's own namespace:
         * set this to that namespace when the stack's operator renders Prometheus.
         */
        namespace?: string;
        /**
         * Name of the ObservabilityStack whose Prometheus should load the rules: adds the label
         * `release: <stack>-prometheus` that its kube-prometheus-stack ruleSelector matches.
         */
        stack?: string;
        /** More labels for every PrometheusRule, e.g. another Prometheus's ruleSelector. */
        labels?: { [name: string]: string };
      };
    };
    /**
     * Which telemetry each entity may read: the platform's mapping from owners, systems
     * and catalog locations to label values and instances. An entity's annotations
     * (`backstage.io/kubernetes-namespace`, `backstage.io/kubernetes-label-selector`,
     * `catalyst.dev/observability-labels`, `catalyst.dev/<kind>-instance`) are written by
     * its author, so they are only a claim: the backend uses a claim when a grant allows
     * it, and answers 400 naming what is granted otherwise. Regular expressions and
     * negative matchers are never accepted in a scope, and two entities claiming the same
     * scope both get an error. Without this key every claim is refused. The catalog module
     * `@catalyst/plugin-catalog-backend-module-observability` reports refused claims on the
     * entity. See docs/security.md.
     */
    scopes?: {
      /**
       * Use every well-formed claim without grants: for a portal of one team only, where
       * every entity author may read all telemetry. Cannot be combined with `grants`.
       */
      unrestricted?: boolean;
      /** A claim is used when one grant that covers the entity allows all of it. */
      grants?: Array<{
        /**
         * Owner refs (`group:default/payments-team`; kind defaults to group). The entity's
         * `spec.owner` must be one of them, when given. Owners or systems are required.
         */
        owners?: string[];
        /** System refs (`system:default/payments`); the entity's `spec.system` must be one. */
        systems?: string[];
        /**
         * Prefixes of the entity's `backstage.io/managed-by-location`, which the catalog
         * sets from where it read the entity (its author cannot choose it), e.g.
         * `url:https://github.com/acme/payments-`. Use it where owners are not policed:
         * `spec.owner` is written by the entity's author too.
         */
        locations?: string[];
        /** Values of the `namespace` label; a claim must pin `namespace` to these. */
        namespaces?: string[];
        /**
         * Further labels a claim must pin, each to one of its values, e.g.
         * `app: [cart, basket]` in a namespace several teams share. Matchers on labels not
         * listed narrow a claim and are always allowed. Namespaces or labels are required.
         */
        labels?: { [label: string]: string[] };
        /**
         * Instances, by name, the covered entities may pick with their instance
         * annotations. The first configured instance of each kind is open to every entity.
         */
        instances?: {
          prometheus?: string[];
          logs?: string[];
          alertmanager?: string[];
        };
      }>;
    };
    /** How Kubernetes label selector keys become Prometheus and log stream label names. */
    labelMapping?: {
      /** Prefix for keys without an override, e.g. `label_` for kube-state-metrics. */
      labelNamePrefix?: string;
      /** Exact key to label name overrides; each value must be a Prometheus label name. */
      labelNames?: { [key: string]: string };
    };
    tracing?: {
      /**
       * Link (http or https) to traces around an incident. Placeholders: {{traceId}} (one link per trace id
       * found in the error logs), {{start}} / {{end}} (Unix ms), {{startIso}} / {{endIso}},
       * {{entityName}}, {{namespace}}, and {{labels.<name>}} of the alert.
       */
      urlTemplate?: string;
    };
    /**
     * The Kubernetes cluster whose `ObservabilityStack` objects GET /stacks lists. Without
     * this key the default kubeconfig (KUBECONFIG, else ~/.kube/config, else the pod's
     * service account) is used when there is one; otherwise /stacks answers 503.
     */
    kubernetes?: {
      /** A kubeconfig file to load instead of the default one. */
      kubeconfigPath?: string;
      /** Context of the kubeconfig to use. Default: its current context. */
      context?: string;
      /** Use the pod's service account token and CA (the portal runs in the cluster). */
      inCluster?: boolean;
      /** Only list stacks in these namespaces (namespaced RBAC is then enough). Default: all. */
      namespaces?: string[];
      /** Request timeout: milliseconds or a duration such as `10s`. Default 10s. */
      timeout?: number | string;
    };
  };
}
