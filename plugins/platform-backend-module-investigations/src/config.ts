import { Config } from '@backstage/config';

/** `platform.investigations`, with defaults applied. */
export interface InvestigationsConfig {
  changeLookbackMs: number;
  issues: { enabled: boolean; labels: string[] };
  handOff?: { webhookUrl: string; token?: string };
}

/** Reads `platform.investigations`; throws on values that make no sense. */
export function readInvestigationsConfig(root: Config): InvestigationsConfig {
  const config = root.getOptionalConfig('platform.investigations');
  const hours = config?.getOptionalNumber('changeLookbackHours') ?? 24;
  if (!(hours > 0) || hours > 24 * 30) {
    throw new Error(
      `platform.investigations.changeLookbackHours must be between 0 and 720, got ${hours}`,
    );
  }
  const webhookUrl = config?.getOptionalString('handOff.webhookUrl');
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl)) {
    throw new Error(
      `platform.investigations.handOff.webhookUrl must be an http(s) URL, got ${webhookUrl}`,
    );
  }
  return {
    changeLookbackMs: hours * 3_600_000,
    issues: {
      enabled: config?.getOptionalBoolean('issues.enabled') ?? true,
      labels: config?.getOptionalStringArray('issues.labels') ?? ['incident'],
    },
    handOff: webhookUrl
      ? {
          webhookUrl,
          token: config?.getOptionalString('handOff.token'),
        }
      : undefined,
  };
}
