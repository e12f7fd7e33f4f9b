/**
 * What the AGENTS.md block says, before it is written as Markdown: the
 * significant facts. Its hash is the context's freshness key.
 */

/** @public */
export interface AgentCommandRow {
  /** `Test`, `One test`, `Lint`... */
  task: string;
  command: string;
  /** What a script or target runs, when that is worth knowing. */
  runs?: string;
  /** What the repository says the command does. */
  description?: string;
}

/** @public */
export interface AgentConventionLine {
  /** `Stack`, `Formatting`, `Tests`, `Commits`... */
  topic: string;
  text: string;
}

/** @public */
export interface AgentLayoutRow {
  path: string;
  purpose?: string;
}

/** @public */
export interface AgentSpecLine {
  path: string;
}

/**
 * The content of the generated AGENTS.md block.
 *
 * @public
 */
export interface AgentContext {
  /** One line: project name and description. */
  summary?: string;
  /** Package manager and runtime versions, one sentence. */
  toolchain?: string;
  commands: AgentCommandRow[];
  /** The repository's other entry points, most useful first. */
  moreCommands: AgentCommandRow[];
  /** Services the app and its tests need (databases, search, caches), one sentence. */
  services?: string;
  /** What CI runs on pull requests, one sentence. */
  ci?: string;
  conventions: AgentConventionLine[];
  layout: AgentLayoutRow[];
  packages: AgentLayoutRow[];
  /** Packages left out of `packages` to keep the file short. */
  morePackages: number;
  specs: AgentSpecLine[];
}
