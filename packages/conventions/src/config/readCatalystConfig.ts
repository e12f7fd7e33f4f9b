import { CheckoutPathError, GuardedCheckout } from '@catalyst/checkout-guard';
import { Document, isNode, LineCounter, parseDocument } from 'yaml';
import {
  catalystConfigSchema,
  ConventionsOverrides,
} from './catalystConfigSchema';

/** File name of the per-repository configuration. */
export const CATALYST_CONFIG_FILE = 'catalyst.yaml';

/**
 * A problem found in catalyst.yaml, with the 1-based line it points at.
 *
 * @public
 */
export interface ConventionDiagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}

/**
 * catalyst.yaml as parsed: the overrides, or the errors that stop a check.
 *
 * @public
 */
export interface CatalystConfigResult {
  overrides: ConventionsOverrides;
  errors: ConventionDiagnostic[];
  /** Finds the line of a path such as `['conventions', 'rules', 'eslint']`. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

function locator(doc: Document | undefined, lines: LineCounter) {
  return (path: readonly PropertyKey[]): number | undefined => {
    if (!doc) return undefined;
    // The nearest existing ancestor stands in for a missing key.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) {
        return lines.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
}

/**
 * Parses catalyst.yaml text and validates its `conventions:` section, reporting
 * YAML and schema errors with line numbers.
 *
 * @public
 */
export function parseCatalystConfig(
  text: string,
  file = CATALYST_CONFIG_FILE,
): CatalystConfigResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = locator(doc, lines);
  if (doc.errors.length > 0) {
    return {
      overrides: {},
      lineOf,
      errors: doc.errors.map(error => ({
        severity: 'error',
        file,
        line: lines.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0],
      })),
    };
  }
  const value = doc.toJS() ?? {};
  const parsed = catalystConfigSchema.safeParse(value);
  if (!parsed.success) {
    return {
      overrides: {},
      lineOf,
      errors: parsed.error.issues.map(issue => ({
        severity: 'error',
        file,
        line: lineOf(issue.path),
        message: `${issue.path.map(String).join('.') || '(root)'}: ${
          issue.message
        }`,
      })),
    };
  }
  return { overrides: parsed.data.conventions ?? {}, lineOf, errors: [] };
}

/**
 * Reads catalyst.yaml from a checkout; a missing file means no overrides.
 *
 * @public
 */
export async function readCatalystConfig(
  repoDir: string,
): Promise<CatalystConfigResult> {
  let text: string | undefined;
  try {
    text = GuardedCheckout.open(repoDir).readTextIfExists(CATALYST_CONFIG_FILE);
  } catch (error) {
    if (!(error instanceof CheckoutPathError)) throw error;
    return {
      overrides: {},
      errors: [
        {
          severity: 'error',
          file: CATALYST_CONFIG_FILE,
          message: error.message,
        },
      ],
      lineOf: () => undefined,
    };
  }
  if (text === undefined) {
    return { overrides: {}, errors: [], lineOf: () => undefined };
  }
  return parseCatalystConfig(text);
}
