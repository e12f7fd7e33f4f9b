import { entityKindSchemaValidator } from '@backstage/catalog-model';
import {
  SPEC_ENTITY_API_VERSION,
  SPEC_ENTITY_KIND,
  SpecEntityV1alpha1,
} from '@catalyst/plugin-platform-common';

const countSchema = { type: 'integer', minimum: 0 };

/**
 * JSON schema of the `Spec` kind, checked by the processor.
 *
 * @public
 */
export const specEntitySchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'SpecV1alpha1',
  description:
    'A Spec Kit folder (specs/###-slug/) of a component: its documents, tasks and completion.',
  type: 'object',
  required: ['spec'],
  properties: {
    apiVersion: { enum: [SPEC_ENTITY_API_VERSION] },
    kind: { enum: [SPEC_ENTITY_KIND] },
    spec: {
      type: 'object',
      required: [
        'owner',
        'component',
        'lifecycle',
        'slug',
        'path',
        'archived',
        'documents',
        'tasks',
        'completion',
      ],
      properties: {
        owner: { type: 'string', minLength: 1 },
        system: { type: 'string', minLength: 1 },
        component: { type: 'string', minLength: 1 },
        lifecycle: { type: 'string', minLength: 1 },
        slug: { type: 'string', minLength: 1 },
        number: { type: 'integer', minimum: 0 },
        path: { type: 'string', minLength: 1 },
        archived: { type: 'boolean' },
        documents: { type: 'array', items: { type: 'string' } },
        tasks: {
          type: 'object',
          required: ['total', 'done', 'open', 'other'],
          properties: {
            total: countSchema,
            done: countSchema,
            open: countSchema,
            other: countSchema,
          },
        },
        completion: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
  },
};

/** Returns the entity when it is a valid Spec, false when it is another kind; throws on an invalid Spec. */
export const validateSpecEntity =
  entityKindSchemaValidator<SpecEntityV1alpha1>(specEntitySchema);
