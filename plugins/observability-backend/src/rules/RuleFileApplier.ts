import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuleApplication } from '@catalyst/plugin-observability-common';
import { RuleApplicationRequest, RuleApplier } from './RuleApplier';

/** The rule file of an entity: readable, and unique even when refs differ only in case or symbols. */
export function ruleFileName(entityRef: string): string {
  const readable = entityRef
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80);
  const hash = createHash('sha256').update(entityRef).digest('hex').slice(0, 8);
  return `catalyst-${readable}-${hash}.yml`;
}

/**
 * Standalone rule application: writes an entity's rule file into the Prometheus
 * instance's `ruleFilesDirectory` (atomically, by rename) or removes it when the entity
 * has no enabled rules, then asks Prometheus to reload.
 */
export class RuleFileApplier implements RuleApplier {
  async apply(options: RuleApplicationRequest): Promise<RuleApplication> {
    const { prometheus, entityRef, yaml, validatedWithPromtool } = options;
    const instance = prometheus.instance;
    const directory = instance.ruleFilesDirectory;
    if (!directory) {
      return {
        status: 'not-configured',
        instance: instance.name,
        validatedWithPromtool,
        message: `Rules are stored but not applied: set ruleFilesDirectory of Prometheus instance '${instance.name}' (or create PrometheusRule objects from the rendered rules)`,
      };
    }
    const file = join(directory, ruleFileName(entityRef));
    await mkdir(directory, { recursive: true });
    if (yaml === undefined) {
      await rm(file, { force: true });
    } else {
      // Unique per write: replicas sharing the directory (each possibly pid 1 in its
      // container) must never write or rename one another's temporary file.
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, yaml);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    }
    await prometheus.reload();
    return {
      status: 'applied',
      instance: instance.name,
      mode: 'standalone',
      file,
      validatedWithPromtool,
      message:
        yaml === undefined
          ? 'No enabled rules: the rule file was removed'
          : undefined,
    };
  }
}
