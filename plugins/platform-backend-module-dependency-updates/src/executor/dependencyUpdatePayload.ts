import { parseInput } from '@catalyst/backend-common';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import { posix } from 'node:path';
import { z } from 'zod';
import { DependencyUpdate } from '../dependencies/types';

const directory = z
  .string()
  .refine(
    value =>
      value === '' ||
      (!posix.isAbsolute(value) &&
        !posix.normalize(value).startsWith('..') &&
        posix.normalize(value) === value),
    'must be a folder inside the repository',
  );

const updateSchema = z.object({
  ecosystem: z.enum(['npm', 'go']),
  directory,
  workspaceRoot: directory.optional(),
  name: z.string().min(1),
  section: z.enum(['dependencies', 'devDependencies', 'require']),
  from: z.string().min(1),
  to: z.string().min(1),
  kind: z.enum(['patch', 'minor', 'major']),
  advisories: z.array(
    z.object({
      ghsaId: z.string(),
      severity: z.enum(['critical', 'high', 'medium', 'low', 'unknown']),
      summary: z.string(),
      url: z.string(),
      packageName: z.string(),
      vulnerableVersionRange: z.string(),
      firstPatchedVersion: z.string().nullable(),
    }),
  ),
});

/** The updates a `dependency_update` task carries; a malformed payload is an InputError. */
export function readDependencyUpdatePayload(
  task: PlatformTask,
): DependencyUpdate[] {
  return parseInput(
    z.array(updateSchema).min(1),
    task.payload.updates,
    `updates of task ${task.id}`,
  );
}
