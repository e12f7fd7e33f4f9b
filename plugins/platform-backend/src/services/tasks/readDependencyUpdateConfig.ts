import { Config } from '@backstage/config';
import { DependencyUpdateGrouping } from '../dependencies/groupDependencyUpdates';

/** `platform.tasks.dependencyUpdates`, with defaults applied. */
export interface DependencyUpdateConfig {
  /** The npm registry to read; unset turns the scanner off. */
  npmRegistry?: string;
  grouping: DependencyUpdateGrouping;
  /** Package names (or `prefix*`) never updated. */
  ignore: string[];
  frequencyMinutes: number;
  registryTimeoutMs: number;
}

const GROUPINGS: DependencyUpdateGrouping[] = [
  'per-dependency',
  'per-repository',
  'non-major-together',
];

/** Reads `platform.tasks.dependencyUpdates`; throws on values that make no sense. */
export function readDependencyUpdateConfig(
  tasks: Config | undefined,
): DependencyUpdateConfig {
  const config = tasks?.getOptionalConfig('dependencyUpdates');
  const key = (name: string) => `platform.tasks.dependencyUpdates.${name}`;
  const npmRegistry = config?.getOptionalString('npmRegistry');
  if (npmRegistry !== undefined && !/^https?:\/\/[^/]+/.test(npmRegistry)) {
    throw new Error(
      `${key('npmRegistry')} must be an http(s) URL, got ${npmRegistry}`,
    );
  }
  const grouping = config?.getOptionalString('grouping') ?? 'per-dependency';
  if (!GROUPINGS.includes(grouping as DependencyUpdateGrouping)) {
    throw new Error(
      `${key('grouping')} must be one of ${GROUPINGS.join(
        ', ',
      )}, got ${grouping}`,
    );
  }
  const positive = (name: string, fallback: number) => {
    const value = config?.getOptionalNumber(name) ?? fallback;
    if (!(value > 0)) {
      throw new Error(`${key(name)} must be a positive number, got ${value}`);
    }
    return value;
  };
  return {
    npmRegistry,
    grouping: grouping as DependencyUpdateGrouping,
    ignore: config?.getOptionalStringArray('ignore') ?? [],
    frequencyMinutes: positive('frequencyMinutes', 24 * 60),
    registryTimeoutMs: positive('registryTimeoutSeconds', 10) * 1000,
  };
}
