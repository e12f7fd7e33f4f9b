import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import type { SpecFolder } from '@catalyst/spec-kit';
import {
  SPEC_ANNOTATIONS,
  SPEC_ENTITY_API_VERSION,
  SPEC_ENTITY_KIND,
  SpecEntityV1alpha1,
  specEntityName,
} from '@catalyst/plugin-platform-common';
import { SpecSource } from '@catalyst/plugin-platform-node';
import { dirname, join, relative } from 'node:path';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/**
 * Builds the Spec entity of one folder of a component. `catalogFile` is the
 * component's own catalog file for file locations: TechDocs resolves `dir:`
 * references relative to it.
 */
export function buildSpecEntity(options: {
  component: Entity;
  folder: SpecFolder;
  source: SpecSource;
  integrations: ScmIntegrationRegistry;
  catalogFile?: string;
}): SpecEntityV1alpha1 {
  const { component, folder, source, integrations, catalogFile } = options;
  const componentRef = getCompoundEntityRef(component);
  const namespace = componentRef.namespace;
  const owner = String(component.spec?.owner ?? 'unknown');
  const system = component.spec?.system
    ? stringifyEntityRef(
        parseEntityRef(String(component.spec.system), {
          defaultKind: 'system',
          defaultNamespace: namespace,
        }),
      )
    : undefined;

  const annotations: Record<string, string> = {
    [SPEC_ANNOTATIONS.path]: folder.path,
  };
  if (source.type === 'url') {
    const folderUrl = integrations.resolveUrl({
      url: `${folder.path}/`,
      base: source.repoUrl,
    });
    annotations[ANNOTATION_SOURCE_LOCATION] = `url:${folderUrl}`;
    annotations[TECHDOCS_REF] = `url:${folderUrl}`;
  } else if (catalogFile) {
    const rel = relative(
      dirname(catalogFile),
      join(source.repoDir, folder.path),
    );
    annotations[TECHDOCS_REF] = `dir:./${rel.split('\\').join('/')}`;
  }
  const projectSlug =
    component.metadata.annotations?.['github.com/project-slug'];
  if (projectSlug) {
    annotations['github.com/project-slug'] = projectSlug;
  }

  return {
    apiVersion: SPEC_ENTITY_API_VERSION,
    kind: SPEC_ENTITY_KIND,
    metadata: {
      name: specEntityName(componentRef.name, folder.slug),
      namespace,
      title: folder.title ?? folder.slug,
      description: `Spec ${folder.slug} of ${
        component.metadata.title ?? componentRef.name
      }`,
      annotations,
      tags: ['spec', ...(folder.archived ? ['archived'] : [])],
    },
    spec: {
      owner,
      ...(system ? { system } : {}),
      component: stringifyEntityRef(componentRef),
      lifecycle: (folder.status ?? 'unknown').toLocaleLowerCase('en-US'),
      slug: folder.slug,
      ...(folder.number !== undefined ? { number: folder.number } : {}),
      path: folder.path,
      archived: folder.archived,
      documents: [...new Set(folder.files.map(f => f.kind))].sort(),
      tasks: folder.counts,
      completion: folder.completion,
    },
  };
}
