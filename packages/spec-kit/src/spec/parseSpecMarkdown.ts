import type { SpecDiagnostic, SpecRequirement, SpecUserStory } from '../types';
import { MarkdownBlock, scanBlocks } from '../markdown/scanBlocks';
import { headingText } from '../markdown/headingText';
import { nodeLines } from '../markdown/sourceLines';
import { findUnclosedFence } from '../markdown/findUnclosedFence';
import { readUserStory } from './readUserStory';
import { readRequirement } from './readRequirement';

/**
 * What a spec.md defines.
 *
 * @public
 */
export interface ParsedSpec {
  userStories: SpecUserStory[];
  /** `FR-...` and `NFR-...` requirements. */
  requirements: SpecRequirement[];
  /** `SC-...` success criteria. */
  successCriteria: SpecRequirement[];
  diagnostics: SpecDiagnostic[];
}

/**
 * Reads the user stories (`### User Story 1 - Title (Priority: P1)`,
 * `### US-1: Title (P1)`), functional requirements (`**FR-001**: ...`,
 * `FR-SPEC-006`) and success criteria (`**SC-001**: ...`) of a spec.md.
 * An id counts where it starts a heading, a paragraph line, a list item or a
 * table row, outside code; the first definition of an id wins. The file is
 * read with a line scanner for its block structure, not parsed into a tree.
 *
 * @param markdown - the content of spec.md
 * @param file - the path used in diagnostics
 * @public
 */
export function parseSpecMarkdown(markdown: string, file: string): ParsedSpec {
  return readSpecBlocks(markdown, file, scanBlocks(markdown));
}

/** Reads a spec.md from its blocks, in document order. */
export function readSpecBlocks(
  markdown: string,
  file: string,
  blocks: MarkdownBlock[],
): ParsedSpec {
  const result: ParsedSpec = {
    userStories: [],
    requirements: [],
    successCriteria: [],
    diagnostics: [],
  };
  const seen = new Set<string>();
  const storyNumbers = new Set<number>();

  const addRequirement = (text: string, line: number) => {
    const requirement = readRequirement(text, line);
    if (!requirement || seen.has(requirement.id)) return;
    seen.add(requirement.id);
    (requirement.id.startsWith('SC-')
      ? result.successCriteria
      : result.requirements
    ).push(requirement);
  };

  const read = (node: MarkdownBlock) => {
    if (
      node.type === 'list' ||
      node.type === 'listItem' ||
      node.type === 'blockquote'
    ) {
      for (const child of node.children) read(child);
    } else if (node.type === 'heading') {
      const text = headingText(markdown, node);
      const line = node.line;
      const story = readUserStory(text, line);
      if (story && !storyNumbers.has(story.number)) {
        storyNumbers.add(story.number);
        result.userStories.push(story);
      }
      addRequirement(text, line);
    } else if (node.type === 'paragraph') {
      for (const { text, line } of nodeLines(markdown, node)) {
        addRequirement(text, line);
      }
    } else if (node.type === 'code') {
      const line = findUnclosedFence(markdown, node);
      if (line !== undefined) {
        result.diagnostics.push({
          file,
          line,
          severity: 'warning',
          message:
            'Code fence is never closed; what follows it is read as code and not indexed',
        });
      }
    }
  };
  for (const block of blocks) read(block);
  return result;
}
