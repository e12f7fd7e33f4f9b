import { Config } from '@backstage/config';
import { tmpdir } from 'node:os';
import type { ScanPacingConfig } from './tasks/ScanPacer';

/** The platform plugin's configuration, with defaults applied. */
export interface PlatformConfig {
  github: {
    webhookSecret?: string;
    deliveries: { retentionDays: number; claimTimeoutSeconds: number };
  };
  specs: { refreshIntervalMinutes: number; concurrency: number };
  agentContext: {
    checkIntervalMinutes: number;
    cloneDepth: number;
    readHistory: boolean;
    workingDirectory: string;
  };
  conventions: { scanIntervalMinutes: number };
  /** How paced scans spread their per-repository work (`platform.scanPacing`). */
  scanPacing: ScanPacingConfig;
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(`${key} must be a positive number, got ${value}`);
  }
  return value;
}

function wholeNumber(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `${key} must be a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

/** Reads `platform.*`; throws on values that make no sense. */
export function readPlatformConfig(config: Config): PlatformConfig {
  const refreshIntervalMinutes =
    config.getOptionalNumber('platform.specs.refreshIntervalMinutes') ?? 30;
  if (!(refreshIntervalMinutes > 0)) {
    throw new Error(
      `platform.specs.refreshIntervalMinutes must be a positive number, got ${refreshIntervalMinutes}`,
    );
  }
  return {
    github: {
      webhookSecret: config.getOptionalString('platform.github.webhookSecret'),
      deliveries: {
        retentionDays: positive(
          config,
          'platform.github.deliveries.retentionDays',
          14,
        ),
        claimTimeoutSeconds: positive(
          config,
          'platform.github.deliveries.claimTimeoutSeconds',
          120,
        ),
      },
    },
    specs: {
      refreshIntervalMinutes,
      concurrency: wholeNumber(config, 'platform.specs.concurrency', 4),
    },
    agentContext: {
      checkIntervalMinutes: positive(
        config,
        'platform.agentContext.checkIntervalMinutes',
        360,
      ),
      cloneDepth: wholeNumber(config, 'platform.agentContext.cloneDepth', 50),
      readHistory:
        config.getOptionalBoolean('platform.agentContext.readHistory') ?? true,
      workingDirectory:
        config.getOptionalString('backend.workingDirectory') ?? tmpdir(),
    },
    conventions: {
      scanIntervalMinutes: positive(
        config,
        'platform.conventions.scanIntervalMinutes',
        360,
      ),
    },
    scanPacing: {
      enabled: config.getOptionalBoolean('platform.scanPacing.enabled') ?? true,
      tickSeconds: positive(config, 'platform.scanPacing.tickSeconds', 60),
    },
  };
}
