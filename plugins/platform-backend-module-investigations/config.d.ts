export interface Config {
  platform?: {
    /**
     * Alert investigations: the `incident_investigation` task type that the
     * observability backend's alert intake queues once per firing episode.
     */
    investigations?: {
      /** Hours before the alert whose merged pull requests are looked at. Default 24. */
      changeLookbackHours?: number;
      /**
       * One GitHub issue per episode on the component's repository, updated
       * by a later run. Default true.
       */
      issues?: {
        enabled?: boolean;
        /** Labels of a new issue. Default `[incident]`. */
        labels?: string[];
      };
      /**
       * Hands every finished investigation, as JSON, to a team's own agent
       * or tool. Catalyst itself stays deterministic.
       */
      handOff?: {
        /** Receives `POST` with the investigation as its body. */
        webhookUrl?: string;
        /**
         * Sent as `Authorization: Bearer <token>`.
         * @visibility secret
         */
        token?: string;
      };
    };
  };
}
