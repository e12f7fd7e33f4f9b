import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The lint-fix scanner's configuration (`platform.lintAutofix`), with defaults applied. */
export interface LintAutofixScanConfig {
  /** Whether the scanner queues anything. Default false: teams opt in. */
  enabled: boolean;
  /** Minutes of one paced scan cycle over every repository. Default 360. */
  scanFrequencyMinutes: number;
  /** Lower-case `owner/name`; with `owners` empty too, every component repository. */
  repositories: Set<string>;
  /** Lower-case GitHub owners whose repositories opt in. */
  owners: Set<string>;
  /** At most this many tasks per cycle. Default 10. */
  maxTasksPerCycle: number;
}

/** Reads `platform.lintAutofix`; throws an InputError on a bad value. */
export function readLintAutofixConfig(config: Config): LintAutofixScanConfig {
  const section = config.getOptionalConfig('platform.lintAutofix');
  const positive = (key: string, fallback: number) => {
    const value = section?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value <= 0) {
      throw new InputError(
        `platform.lintAutofix.${key} must be a positive integer`,
      );
    }
    return value;
  };
  const list = (key: string, pattern: RegExp, what: string) => {
    const values = section?.getOptionalStringArray(key) ?? [];
    for (const value of values) {
      if (!pattern.test(value)) {
        throw new InputError(
          `platform.lintAutofix.${key}: '${value}' is not ${what}`,
        );
      }
    }
    return new Set(values.map(value => value.toLowerCase()));
  };
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? false,
    scanFrequencyMinutes: positive('scanFrequencyMinutes', 360),
    repositories: list('repositories', /^[\w.-]+\/[\w.-]+$/, 'owner/name'),
    owners: list('owners', /^[\w.-]+$/, 'a GitHub owner'),
    maxTasksPerCycle: positive('maxTasksPerCycle', 10),
  };
}
