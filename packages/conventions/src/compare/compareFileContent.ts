import { ConventionStandardFile } from '../packs/types';
import { parseStructured } from './parseStructured';
import {
  describeDifference,
  structuredDifferences,
} from './structuredDifferences';
import { unifiedDiff } from './unifiedDiff';

/**
 * Whether a file's content matches the standard, and why not.
 *
 * @public
 */
export interface FileComparison {
  matches: boolean;
  evidence: string[];
  /** Unified-diff excerpt from the standard to the file (text formats). */
  diff?: string;
}

const normalizeNewlines = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * Compares a checkout's file with a pack's standard file: parsed for JSON,
 * YAML and TOML, line by line (newline style aside) for text.
 *
 * @public
 */
export function compareFileContent(
  standard: Pick<ConventionStandardFile, 'path' | 'content' | 'format'>,
  actualText: string,
): FileComparison {
  if (standard.format === 'text') {
    const expected = normalizeNewlines(standard.content);
    const actual = normalizeNewlines(actualText);
    if (expected === actual) return { matches: true, evidence: [] };
    return {
      matches: false,
      evidence: ['content differs from the standard'],
      diff: unifiedDiff(expected, actual, {
        expectedName: `standard/${standard.path}`,
        actualName: standard.path,
      }),
    };
  }
  let actual: unknown;
  try {
    actual = parseStructured(actualText, standard.format);
  } catch (error) {
    return {
      matches: false,
      evidence: [
        `does not parse as ${standard.format}: ${
          (error as Error).message.split('\n')[0]
        }`,
      ],
    };
  }
  const expected = parseStructured(standard.content, standard.format);
  const differences = structuredDifferences(expected, actual);
  return {
    matches: differences.length === 0,
    evidence: differences.map(describeDifference),
  };
}
