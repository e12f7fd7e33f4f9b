import type {
  AgentContextDiagnostic,
  AgentContextLine,
  AgentContextPullRequest,
  AgentContextSourceInfo,
} from '@catalyst/plugin-platform-common';
import { Knex } from 'knex';
import type { ProjectCommand } from './projectCommands';

/** The commit an analysis read and the version of the analysis that read it. */
export interface AgentContextRevision {
  commit: string;
  analyzerVersion: string;
}

/** What one analysis of a repository found, ready to store. */
export interface AgentContextAnalysis {
  factsHash: string;
  /** The whole AGENTS.md Catalyst would write. */
  content: string;
  stale: boolean;
  committedHash?: string;
  committedContent?: string;
  staleReason?: string;
  changes: { added: string[]; removed: string[] };
  lines: AgentContextLine[];
  diagnostics: AgentContextDiagnostic[];
  source: AgentContextSourceInfo;
  /** The project's commands with their sources; absent in rows stored before they were kept. */
  commands?: ProjectCommand[];
  /** Absent when the analysis read no commit, and in rows stored before it was kept. */
  revision?: AgentContextRevision;
}

/** A stored context. */
export interface AgentContextRecord extends AgentContextAnalysis {
  entityRef: string;
  pullRequest?: AgentContextPullRequest;
  lastGeneratedAt: Date;
  lastCheckedAt: Date;
  lastError?: string;
}

type Row = {
  entity_ref: string;
  content_hash: string;
  generated_content: string;
  last_generated_at: string | Date | number;
  needs_refresh: boolean | number;
  committed_hash: string | null;
  committed_content: string | null;
  stale_reason: string | null;
  changes: string;
  facts: string;
  source: string;
  pr_number: number | null;
  pr_url: string | null;
  last_checked_at: string | Date | number | null;
  last_error: string | null;
  analyzed_commit: string | null;
  analyzer_version: string | null;
};

function analysisColumns(analysis: AgentContextAnalysis) {
  return {
    content_hash: analysis.factsHash,
    generated_content: analysis.content,
    needs_refresh: analysis.stale,
    committed_hash: analysis.committedHash ?? null,
    committed_content: analysis.committedContent ?? null,
    stale_reason: analysis.staleReason ?? null,
    changes: JSON.stringify(analysis.changes),
    facts: JSON.stringify({
      lines: analysis.lines,
      diagnostics: analysis.diagnostics,
      commands: analysis.commands,
    }),
    source: JSON.stringify(analysis.source),
    analyzed_commit: analysis.revision?.commit ?? null,
    analyzer_version: analysis.revision?.analyzerVersion ?? null,
  };
}

function toRecord(row: Row): AgentContextRecord {
  const facts = JSON.parse(row.facts) as {
    lines?: AgentContextLine[];
    diagnostics?: AgentContextDiagnostic[];
    commands?: ProjectCommand[];
  };
  return {
    entityRef: row.entity_ref,
    factsHash: row.content_hash,
    content: row.generated_content,
    stale: Boolean(row.needs_refresh),
    committedHash: row.committed_hash ?? undefined,
    committedContent: row.committed_content ?? undefined,
    staleReason: row.stale_reason ?? undefined,
    changes: JSON.parse(row.changes),
    lines: facts.lines ?? [],
    diagnostics: facts.diagnostics ?? [],
    commands: facts.commands,
    source: JSON.parse(row.source),
    pullRequest:
      row.pr_number !== null && row.pr_url
        ? { number: row.pr_number, url: row.pr_url }
        : undefined,
    lastGeneratedAt: new Date(row.last_generated_at),
    lastCheckedAt: new Date(row.last_checked_at ?? row.last_generated_at),
    lastError: row.last_error ?? undefined,
    revision:
      row.analyzed_commit && row.analyzer_version
        ? { commit: row.analyzed_commit, analyzerVersion: row.analyzer_version }
        : undefined,
  };
}

/**
 * The agent_contexts table: one generated AGENTS.md context per component,
 * what its repository holds, and the pull request that refreshes it.
 */
export class AgentContextStore {
  constructor(private readonly db: Knex) {}

  async get(entityRef: string): Promise<AgentContextRecord | undefined> {
    const row = await this.db<Row>('agent_contexts')
      .where({ entity_ref: entityRef })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Stores an analysis. `last_generated_at` moves only when the generated
   * content changed, so it says when the context last changed, not when it
   * was last looked at.
   */
  async saveAnalysis(
    entityRef: string,
    analysis: AgentContextAnalysis,
    now: Date,
  ): Promise<AgentContextRecord> {
    return this.db.transaction(async tx => {
      const previous = await tx<Row>('agent_contexts')
        .where({ entity_ref: entityRef })
        .first();
      const columns = {
        ...analysisColumns(analysis),
        last_checked_at: now,
        last_error: null,
      };
      if (!previous) {
        await tx('agent_contexts').insert({
          entity_ref: entityRef,
          ...columns,
          last_generated_at: now,
        });
      } else {
        const changed =
          previous.content_hash !== analysis.factsHash ||
          previous.generated_content !== analysis.content;
        await tx('agent_contexts')
          .where({ entity_ref: entityRef })
          .update(changed ? { ...columns, last_generated_at: now } : columns);
      }
      const row = await tx<Row>('agent_contexts')
        .where({ entity_ref: entityRef })
        .first();
      return toRecord(row!);
    });
  }

  /**
   * Records a check that found the context's repository at the commit, and
   * the analysis at the version, it was last analysed at: the stored analysis
   * stands, checked now. Undefined, and nothing changed, when the stored
   * context is of another commit or version, or there is none.
   */
  async confirmRevision(
    entityRef: string,
    revision: AgentContextRevision,
    now: Date,
  ): Promise<AgentContextRecord | undefined> {
    const updated = await this.db('agent_contexts')
      .where({
        entity_ref: entityRef,
        analyzed_commit: revision.commit,
        analyzer_version: revision.analyzerVersion,
      })
      .update({ last_checked_at: now, last_error: null });
    return updated > 0 ? this.get(entityRef) : undefined;
  }

  /** Records a failed check or refresh on a stored context; false when there is none. */
  async saveError(
    entityRef: string,
    message: string,
    now: Date,
  ): Promise<boolean> {
    const updated = await this.db('agent_contexts')
      .where({ entity_ref: entityRef })
      .update({ last_error: message.slice(0, 4000), last_checked_at: now });
    return updated > 0;
  }

  async savePullRequest(
    entityRef: string,
    pullRequest: AgentContextPullRequest,
  ): Promise<void> {
    await this.db('agent_contexts')
      .where({ entity_ref: entityRef })
      .update({
        pr_number: pullRequest.number,
        pr_url: pullRequest.url.slice(0, 512),
        last_error: null,
      });
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db('agent_contexts')
      .orderBy('entity_ref')
      .select('entity_ref');
    return rows.map(row => row.entity_ref as string);
  }

  async delete(entityRef: string): Promise<void> {
    await this.db('agent_contexts').where({ entity_ref: entityRef }).delete();
  }
}
