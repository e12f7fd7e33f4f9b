import { z } from 'zod/v4';

const jsonObject = z.record(z.string(), z.unknown());

const ruleOverride = z.union([
  z.literal(false),
  z
    .object({
      enabled: z.boolean().optional(),
      config: jsonObject.optional(),
    })
    .strict(),
]);

/**
 * The `conventions:` section of catalyst.yaml.
 *
 * @public
 */
export const conventionsOverridesSchema = z
  .object({
    pack: z.string().min(1).optional(),
    ignore: z.array(z.string().min(1)).optional(),
    rules: z.record(z.string(), ruleOverride).optional(),
    files: z.record(z.string(), z.literal(false)).optional(),
  })
  .strict();

/**
 * catalyst.yaml at a repository root; other sections belong to other features
 * and are left alone.
 *
 * @public
 */
export const catalystConfigSchema = z
  .object({ conventions: conventionsOverridesSchema.optional() })
  .passthrough();

/**
 * A project's convention overrides.
 *
 * @public
 */
export type ConventionsOverrides = z.infer<typeof conventionsOverridesSchema>;

/**
 * JSON Schema of catalyst.yaml, for editors and documentation.
 *
 * @public
 */
export function catalystConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(catalystConfigSchema) as Record<string, unknown>;
}
