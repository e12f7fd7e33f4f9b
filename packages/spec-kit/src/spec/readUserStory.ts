import type { SpecUserStory } from '../types';

const storyHeading =
  /^(?:User\s+Story|Story|US)[ \t_-]*(\d+)\b\s*(?:[:.\u2013\u2014-]\s*)?(.*)$/i;
const priorityGroup = /[([]([^()[\]]*?\b(P\d+)\b[^()[\]]*)[)\]]/;

/**
 * Reads a user story heading: `User Story 1 - Title (Priority: P1)`,
 * `US-1: Title (P1)`, `US-2: Title (IN PROGRESS, P1)`, `Story 3: Title`.
 */
export function readUserStory(
  heading: string,
  line: number,
): SpecUserStory | undefined {
  const match = storyHeading.exec(heading.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  let title = match[2];
  let priority: string | undefined;
  const group = priorityGroup.exec(title);
  if (group) {
    priority = group[2];
    title = title.slice(0, group.index);
  } else {
    const bare = /\bPriority:?\s*(P\d+)\b/i.exec(title);
    if (bare) {
      priority = bare[1];
      title = title.slice(0, bare.index);
    }
  }
  title = title
    .replace(/\s*[\u{1F300}-\u{1FAFF}\u2600-\u27BF].*$/u, '')
    .replace(/[\s:\u2013\u2014-]+$/, '')
    .trim();
  return {
    id: `US${number}`,
    number,
    title,
    ...(priority ? { priority: priority.toUpperCase() } : {}),
    line,
  };
}
