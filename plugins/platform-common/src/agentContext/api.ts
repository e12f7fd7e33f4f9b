/**
 * Where a fact of the repository was read: a file and line, or git evidence
 * (`git log -n 200 (commit subjects)`).
 *
 * @public
 */
export interface AgentContextFactSource {
  /** Path from the repository root. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  git?: string;
  /** How the fact follows from the file when that is not obvious. */
  note?: string;
}

/**
 * One fact behind a line of the generated AGENTS.md.
 *
 * @public
 */
export interface AgentContextFact {
  /** What kind of fact: `command`, `style`, `history`, `layout`... */
  kind: string;
  /** The fact in words: `test script in package.json`, `Prettier`. */
  label: string;
  source: AgentContextFactSource;
}

/**
 * A line of the generated AGENTS.md and the facts it states.
 *
 * @public
 */
export interface AgentContextLine {
  /** 1-based line in the generated file. */
  line: number;
  text: string;
  /** The section it sits in (`Commands`, `Conventions`, `Layout`, `Active specs`). */
  section?: string;
  facts: AgentContextFact[];
}

/**
 * A line of the difference between the committed AGENTS.md and the
 * generated one.
 *
 * @public
 */
export interface AgentContextDiffLine {
  type: 'added' | 'removed' | 'unchanged';
  text: string;
  /** 1-based line in the committed file. */
  committedLine?: number;
  /** 1-based line in the generated file. */
  generatedLine?: number;
}

/**
 * Something the analyzer could not read, with where.
 *
 * @public
 */
export interface AgentContextDiagnostic {
  severity: 'warning' | 'info';
  message: string;
  file?: string;
  line?: number;
}

/**
 * How the repository was read for the last generation.
 *
 * - `directory`: a local checkout, analysed in place (`file:` locations).
 * - `clone`: a shallow `git clone`, so the commit history was read too.
 * - `tree`: the files through Backstage's UrlReader, without history.
 *
 * @public
 */
export interface AgentContextSourceInfo {
  type: 'directory' | 'clone' | 'tree';
  /** The directory or URL that was read. */
  location: string;
  /** The commit analysed, when known. */
  commit?: string;
}

/**
 * The pull request that carries a refreshed AGENTS.md.
 *
 * @public
 */
export interface AgentContextPullRequest {
  number: number;
  url: string;
}

/**
 * A component's stored agent context: the AGENTS.md Catalyst would write,
 * the one the repository holds, how they differ and why each line says
 * what it says.
 *
 * @public
 */
export interface AgentContextView {
  entityRef: string;
  /** Significant-facts hash of the generated context. */
  factsHash: string;
  /** The same hash for the committed block; absent when the repository has no block. */
  committedHash?: string;
  /** The committed block says something else than a fresh analysis would. */
  stale: boolean;
  /** Why it is stale when there is nothing to compare (`AGENTS.md does not exist`). */
  staleReason?: string;
  /** The whole AGENTS.md as Catalyst would write it, hand-written parts kept. */
  content: string;
  /** The AGENTS.md the repository holds, when it has one. */
  committedContent?: string;
  /** Line diff from the committed file to the generated one. */
  diff: AgentContextDiffLine[];
  /** Lines whose substance differs (whitespace and table padding ignored). */
  changes: { added: string[]; removed: string[] };
  /** Each line of Catalyst's block, with the facts behind it. */
  lines: AgentContextLine[];
  diagnostics: AgentContextDiagnostic[];
  source: AgentContextSourceInfo;
  pullRequest?: AgentContextPullRequest;
  /** When the generated content last changed, ISO 8601. */
  lastGeneratedAt: string;
  /** When the repository was last analysed, ISO 8601. */
  lastCheckedAt: string;
  /** The last failure to check or refresh, if the last attempt failed. */
  lastError?: string;
}

/**
 * `GET /agent-context/:kind/:namespace/:name/staleness`: a fresh analysis
 * compared with the committed AGENTS.md.
 *
 * @public
 */
export interface AgentContextStaleness {
  entityRef: string;
  stale: boolean;
  reason?: string;
  factsHash: string;
  committedHash?: string;
  changes: { added: string[]; removed: string[] };
  checkedAt: string;
}

/**
 * `POST /agent-context/:kind/:namespace/:name/refresh`.
 *
 * - `opened`: a new pull request.
 * - `updated`: the open pull request of `branch` got the new content.
 * - `up-to-date`: the committed AGENTS.md already says what a fresh analysis says.
 *
 * @public
 */
export interface AgentContextRefreshResponse {
  entityRef: string;
  status: 'opened' | 'updated' | 'up-to-date';
  factsHash: string;
  branch: string;
  pullRequest?: AgentContextPullRequest;
}

/**
 * One MCP tool a coding agent may call about a component.
 *
 * @public
 */
export interface AgentToolView {
  /** The tool's name as MCP clients see it, e.g. `platform.get-spec-context`. */
  name: string;
  title: string;
  description: string;
  /** The tool only reads. */
  readOnly: boolean;
}

/**
 * `GET /agent-tools/:kind/:namespace/:name`: the portal's MCP endpoint and
 * the Catalyst tools about the component the caller may use.
 *
 * @public
 */
export interface AgentToolsView {
  entityRef: string;
  /** The Streamable HTTP endpoint of the portal's MCP server. */
  endpoint: string;
  /** The server name MCP clients show (`mcpActions.name`). */
  serverName: string;
  tools: AgentToolView[];
}
