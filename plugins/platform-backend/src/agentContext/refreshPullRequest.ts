import { AgentContextAnalysis } from './AgentContextStore';

/**
 * The branch every AGENTS.md refresh of a repository goes to, from the
 * portal or from an `agents_md_refresh` task: one branch, one pull request.
 */
export const AGENTS_MD_BRANCH = 'chore/agents-md';

/** Commit message and pull request title of a refresh. */
export const AGENTS_MD_COMMIT_MESSAGE = 'chore(agents-md): refresh AGENTS.md';

// GitHub refuses bodies over 65536 characters; the list is a summary anyway.
const MAX_LISTED_LINES = 80;

/** A fence longer than any run of backticks in the lines, so no line can close it. */
function fenceFor(lines: string[]): string {
  const longest = Math.max(
    2,
    ...lines.map(line =>
      Math.max(0, ...(line.match(/`+/g) ?? []).map(run => run.length)),
    ),
  );
  return '`'.repeat(longest + 1);
}

/** The body of the refresh pull request: what changes in substance, and why it is safe to merge. */
export function refreshPullRequestBody(
  analysis: AgentContextAnalysis,
  entityRef: string,
): string {
  const changed = [
    ...analysis.changes.removed.map(line => `- ${line}`),
    ...analysis.changes.added.map(line => `+ ${line}`),
  ];
  const listed = changed.slice(0, MAX_LISTED_LINES);
  const fence = fenceFor(listed);
  const commit = analysis.source.commit
    ? ` at \`${analysis.source.commit.slice(0, 12)}\``
    : '';
  return [
    `Catalyst regenerated the agent context of \`${entityRef}\`: the part of \`AGENTS.md\` between \`<!-- catalyst:begin -->\` and \`<!-- catalyst:end -->\`. Everything outside that block is kept byte for byte.`,
    '',
    analysis.staleReason
      ? `Why: ${analysis.staleReason}.`
      : 'Why: the committed block no longer says what the repository shows.',
    '',
    `Analysed ${
      analysis.source.location
    }${commit}; significant-facts hash \`${analysis.factsHash.slice(0, 12)}\`.`,
    '',
    'What changes in substance (whitespace and table padding ignored):',
    '',
    `${fence}diff`,
    ...listed,
    fence,
    ...(changed.length > listed.length
      ? ['', `And ${changed.length - listed.length} more lines.`]
      : []),
    '',
    'Each line of the block comes from a file and line of the repository (or its git history); the Agent context tab of the component in Backstage shows which. Reproduce locally with `catalyst agents-md <repo-dir> --write`. Pushing to this branch is pointless: the next refresh replaces it.',
  ].join('\n');
}
