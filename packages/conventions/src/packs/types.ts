/**
 * How a standard file's content is compared: structured formats are parsed so
 * key order and formatting do not count, text is compared line by line.
 *
 * @public
 */
export type ConventionFileFormat = 'json' | 'yaml' | 'toml' | 'text';

/**
 * A file a convention pack expects in every repository of its ecosystem.
 *
 * @public
 */
export interface ConventionStandardFile {
  /** POSIX path relative to the repository root. */
  path: string;
  content: string;
  format: ConventionFileFormat;
  /** Disabling or ignoring a required file in catalyst.yaml raises a warning. */
  required: boolean;
  /**
   * `content` (the default) reports drift when the content differs; `exists`
   * only asks for the file, for files each team fills in (CODEOWNERS, PR template).
   */
  match?: 'content' | 'exists';
  /** Written with the executable bit, e.g. git hooks. */
  executable?: boolean;
  description?: string;
}

/**
 * The kinds of rule, as in the `rule_type` column of `convention_rules`.
 *
 * @public
 */
export type ConventionRuleType = 'lint' | 'commit' | 'branch' | 'test';

/**
 * A JSON value, the shape of a rule's configuration.
 *
 * @public
 */
export type ConventionJsonValue =
  | string
  | number
  | boolean
  | null
  | ConventionJsonValue[]
  | { [key: string]: ConventionJsonValue };

/**
 * A rule of a pack, shaped like a `convention_rules` row (`rule_type`,
 * `rule_name`, `config`, `enabled`) plus whether the platform requires it.
 *
 * Configuration keys the drift check understands: `requireAllOf` and
 * `requireAnyOf` (file paths) for any rule type; `pattern` and `allow` for
 * branch rules; `sourcePattern`, `testPattern` and `granularity`
 * (`directory` | `repository`) for test rules.
 *
 * @public
 */
export interface ConventionRule {
  ruleType: ConventionRuleType;
  /** Unique within the pack; the key used in catalyst.yaml `rules:`. */
  ruleName: string;
  config: { [key: string]: ConventionJsonValue };
  enabled: boolean;
  /** Disabling a required rule in catalyst.yaml raises a warning. */
  required: boolean;
  description?: string;
}

/**
 * When a pack applies to a checkout: any of these root-relative paths exists.
 *
 * @public
 */
export interface ConventionEcosystemDetection {
  ecosystem: string;
  anyOfFiles: string[];
}

/**
 * Standard files and rules for one ecosystem.
 *
 * @public
 */
export interface ConventionPack {
  id: string;
  title: string;
  description?: string;
  detection: ConventionEcosystemDetection;
  files: ConventionStandardFile[];
  rules: ConventionRule[];
}
