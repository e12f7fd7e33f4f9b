// Spec folder names as Spec Kit writes them: `001-slug` or `20250101-120000-slug`.
const SPEC_SLUG =
  /(?<![\w-])(?:specs\/(?:[\w.-]+\/)*)?(\d{8}-\d{6}-[a-z0-9][a-z0-9-]*|\d{3,}-[a-z0-9][a-z0-9-]*)/gi;

/**
 * Spec slugs that a repository's root AGENTS.md names (FR-SPEC-006): Spec
 * Kit's agent-context script lists the features it worked on, and teams list
 * their current specs by hand. Callers match the result against the folders
 * that exist, so a stray number in prose marks nothing.
 *
 * @public
 */
export function parseActiveSpecs(agentsMarkdown: string): string[] {
  const slugs = new Set<string>();
  for (const match of agentsMarkdown.matchAll(SPEC_SLUG)) {
    slugs.add(match[1].replace(/-+$/, '').toLocaleLowerCase('en-US'));
  }
  return [...slugs].sort();
}
