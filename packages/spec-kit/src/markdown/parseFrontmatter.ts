import { parseDocument } from 'yaml';
import type { SpecDiagnostic } from '../types';
import { yamlErrorLine } from './yamlErrorLine';

/** What a YAML frontmatter block holds, or why it could not be read. */
export interface FrontmatterResult {
  data?: Record<string, unknown>;
  diagnostics: SpecDiagnostic[];
}

/**
 * Parses the YAML between the `---` lines. `firstLine` is the 1-based line of
 * the YAML's first line in the file, so diagnostics point at the real line.
 */
export function parseFrontmatter(
  yaml: string,
  firstLine: number,
  file: string,
): FrontmatterResult {
  const document = parseDocument(yaml, { prettyErrors: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const line = firstLine + yamlErrorLine(yaml, error) - 1;
    return {
      diagnostics: [
        {
          file,
          line,
          severity: 'warning',
          message: `Malformed frontmatter, ignored: ${error.message}`,
        },
      ],
    };
  }
  const data = document.toJS();
  if (data === null || data === undefined) {
    return { data: {}, diagnostics: [] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      diagnostics: [
        {
          file,
          line: firstLine,
          severity: 'warning',
          message: 'Frontmatter is not a YAML mapping, ignored',
        },
      ],
    };
  }
  return { data: data as Record<string, unknown>, diagnostics: [] };
}
