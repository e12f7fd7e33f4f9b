import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The release agent's configuration, with defaults applied. */
export interface ReleaseModuleConfig {
  /** Lower-case `owner/name` of repositories opted in despite their own release tool. */
  optIn: Set<string>;
  scanFrequencyMinutes: number;
  tagFrequencyMinutes: number;
}

/** Reads `platform.release`. */
export function readReleaseModuleConfig(config: Config): ReleaseModuleConfig {
  const release = config.getOptionalConfig('platform.release');
  const optIn = release?.getOptionalStringArray('optIn') ?? [];
  for (const repository of optIn) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
      throw new InputError(
        `platform.release.optIn: '${repository}' is not owner/name`,
      );
    }
  }
  const minutes = (key: string, fallback: number) => {
    const value = release?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) {
      throw new InputError(`platform.release.${key} must be positive`);
    }
    return value;
  };
  return {
    optIn: new Set(optIn.map(r => r.toLowerCase())),
    scanFrequencyMinutes: minutes('scanFrequencyMinutes', 60),
    tagFrequencyMinutes: minutes('tagFrequencyMinutes', 5),
  };
}
