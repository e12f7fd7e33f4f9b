import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseAllDocuments } from 'yaml';

// The demo catalog is what the start command shows; a broken reference there
// means an empty page rather than an error, so it is checked here.
const repoRoot = resolvePath(__dirname, '../../..');
const files = [
  'catalog-info.yaml',
  'examples/entities.yaml',
  'examples/org.yaml',
];

function readEntities(): Entity[] {
  return files.flatMap(file =>
    parseAllDocuments(readFileSync(resolvePath(repoRoot, file), 'utf8')).map(
      doc => {
        if (doc.errors.length) {
          throw new Error(`${file}: ${doc.errors[0].message}`);
        }
        return doc.toJSON() as Entity;
      },
    ),
  );
}

describe('demo catalog', () => {
  const entities = readEntities();
  const policy = EntityPolicies.allOf([
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new SchemaValidEntityPolicy(),
  ]);
  const refs = new Set(entities.map(e => stringifyEntityRef(e)));

  it('has this repository, a system, a group and several components', () => {
    const kinds = entities.map(e => `${e.kind}:${e.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Component:catalyst',
        'System:catalyst',
        'Group:platform-team',
        'Component:payments-api',
        'Component:checkout-web',
        'Component:ledger-worker',
      ]),
    );
  });

  it('has valid entities', async () => {
    for (const entity of entities) {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
    }
  });

  it('references only entities that exist', () => {
    const dangling: string[] = [];
    const check = (from: Entity, ref: string, defaultKind: string) => {
      const target = stringifyEntityRef(
        parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
      );
      if (!refs.has(target))
        dangling.push(`${from.metadata.name} -> ${target}`);
    };
    for (const entity of entities) {
      const spec = (entity.spec ?? {}) as Record<string, any>;
      if (spec.owner) check(entity, spec.owner, 'Group');
      if (spec.system) check(entity, spec.system, 'System');
      if (spec.parent) check(entity, spec.parent, 'Group');
      for (const ref of spec.memberOf ?? []) check(entity, ref, 'Group');
      for (const ref of spec.children ?? []) check(entity, ref, 'Group');
      for (const ref of spec.providesApis ?? []) check(entity, ref, 'API');
      for (const ref of spec.consumesApis ?? []) check(entity, ref, 'API');
      for (const ref of spec.dependsOn ?? []) check(entity, ref, 'Component');
    }
    expect(dangling).toEqual([]);
  });

  // A fixed remote source-location would send TechDocs and spec reads to
  // GitHub although the demo's files are on disk; registered by URL, the
  // catalog derives the source location from the registration itself.
  it('lets TechDocs read this repository next to its catalog file', () => {
    const self = entities.find(
      e => e.kind === 'Component' && e.metadata.name === 'catalyst',
    )!;
    expect(self.metadata.annotations).toMatchObject({
      'backstage.io/techdocs-ref': 'dir:.',
    });
    for (const entity of entities) {
      expect(entity.metadata.annotations ?? {}).not.toHaveProperty(
        'backstage.io/source-location',
      );
    }
  });
});
