import { parseDocument } from 'yaml';
import type { SpecDiagnostic } from '../types';
import { yamlErrorLine } from '../markdown/yamlErrorLine';

/**
 * The default location of spec folders in a repository.
 *
 * @public
 */
export const DEFAULT_SPECS_PATH = 'specs';

/**
 * The spec settings of a repository's catalyst.yaml.
 *
 * @public
 */
export interface SpecsConfig {
  /** `specs.path`, normalized (`docs/specs`); `specs` when unset or invalid. */
  path: string;
  /** Why the file or the key could not be used. */
  diagnostics: SpecDiagnostic[];
}

/**
 * Reads `specs.path` from the text of a repository's catalyst.yaml (pass
 * `''` when there is none). A malformed file or a path that is absolute or
 * leaves the repository gives a warning and the default path.
 *
 * @public
 */
export function readSpecsConfig(
  yaml: string,
  file = 'catalyst.yaml',
): SpecsConfig {
  const read = readConfiguredPath(yaml, file);
  return {
    path: read.specsPath ?? DEFAULT_SPECS_PATH,
    diagnostics: read.diagnostics,
  };
}

function readConfiguredPath(
  yaml: string,
  file: string,
): { specsPath?: string; diagnostics: SpecDiagnostic[] } {
  const document = parseDocument(yaml, { prettyErrors: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    return {
      diagnostics: [
        {
          file,
          line: yamlErrorLine(yaml, error),
          severity: 'warning',
          message: `Malformed YAML, using the default specs path: ${error.message}`,
        },
      ],
    };
  }
  const config = document.toJS() as unknown;
  const specs = isRecord(config) ? config.specs : undefined;
  const path = isRecord(specs) ? specs.path : undefined;
  if (path === undefined) return { diagnostics: [] };
  const normalized =
    typeof path === 'string' ? normalizeSpecsPath(path) : undefined;
  if (normalized === undefined) {
    return {
      diagnostics: [
        {
          file,
          line: lineOf(yaml, 'path'),
          severity: 'warning',
          message:
            'specs.path must be a relative path inside the repository; using the default',
        },
      ],
    };
  }
  return { specsPath: normalized, diagnostics: [] };
}

/**
 * A specs path with forward slashes and no `./` or trailing slash; `''` for
 * the root itself; undefined when it is absolute or leaves the root.
 */
export function normalizeSpecsPath(path: string): string | undefined {
  const trimmed = path.trim().replace(/\\/g, '/');
  if (trimmed.startsWith('/') || /^[a-zA-Z]:/.test(trimmed)) return undefined;
  const segments = trimmed.split('/').filter(s => s !== '' && s !== '.');
  if (segments.includes('..')) return undefined;
  return segments.join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOf(text: string, key: string): number | undefined {
  const index = text
    .split('\n')
    .findIndex(line => line.trim().startsWith(`${key}:`));
  return index === -1 ? undefined : index + 1;
}
