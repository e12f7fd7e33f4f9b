import { Config } from '@backstage/config';
import { FlakyTestPolicy } from './scanner/detectFlakyTests';

/** One `platform.tasks.flakyTests` entry, with defaults applied. */
export interface FlakyTestScanConfig {
  id: string;
  reportsDir: string;
  entityRef: string;
  repository: string;
  repositoryUrl?: string;
  policy: FlakyTestPolicy;
  frequencyMinutes: number;
}

function positive(entry: Config, key: string, fallback: number, at: string) {
  const value = entry.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(
      `platform.tasks.${at}.${key} must be a positive number, got ${value}`,
    );
  }
  return value;
}

/** Reads `platform.tasks.flakyTests`; throws on values that make no sense. */
export function readFlakyTestConfig(root: Config): FlakyTestScanConfig[] {
  const entries =
    root.getOptionalConfigArray('platform.tasks.flakyTests') ?? [];
  return entries.map((entry, index) => {
    const at = `flakyTests[${index}]`;
    return {
      id: entry.getString('id'),
      reportsDir: entry.getString('reportsDir'),
      entityRef: entry.getString('entityRef'),
      repository: entry.getString('repository'),
      repositoryUrl: entry.getOptionalString('repositoryUrl'),
      policy: {
        windowMs: positive(entry, 'windowHours', 168, at) * 3_600_000,
        clearAfterPasses: Math.floor(
          positive(entry, 'clearAfterPasses', 10, at),
        ),
      },
      frequencyMinutes: positive(entry, 'frequencyMinutes', 60, at),
    };
  });
}
