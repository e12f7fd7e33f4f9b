import { Config } from '@backstage/config';
import { DependencyUpdateGrouping } from './dependencies/groupDependencyUpdates';

/** `platform.tasks.dependencyUpdates`, with defaults applied. */
export interface DependencyUpdateConfig {
  /** The npm registry to read; unset leaves package.json alone. */
  npmRegistry?: string;
  /** The Go module proxy to read; unset leaves go.mod alone. */
  goProxy?: string;
  /** GOSUMDB for go.sum refreshes (`off` behind a private proxy). */
  goSumDb?: string;
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
  const url = (name: string) => {
    const value = config?.getOptionalString(name);
    if (value !== undefined && !/^https?:\/\/[^/]+/.test(value)) {
      throw new Error(`${key(name)} must be an http(s) URL, got ${value}`);
    }
    return value;
  };
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
    npmRegistry: url('npmRegistry'),
    goProxy: url('goProxy'),
    goSumDb: config?.getOptionalString('goSumDb'),
    grouping: grouping as DependencyUpdateGrouping,
    ignore: config?.getOptionalStringArray('ignore') ?? [],
    frequencyMinutes: positive('frequencyMinutes', 24 * 60),
    registryTimeoutMs: positive('registryTimeoutSeconds', 10) * 1000,
  };
}
