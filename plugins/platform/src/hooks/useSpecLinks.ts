import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { SpecSummary } from '@catalyst/plugin-platform-common';
import { useCallback } from 'react';
import {
  SPECS_TAB_PATH,
  SPEC_QUERY_PARAM,
  techdocsDocRouteRef,
} from '../routes';

/**
 * Links to a spec inside its component's Specs tab
 * (`/catalog/default/component/payments-api/specs?spec=001-auth`).
 */
export function useSpecDetailLink(): (
  spec: Pick<SpecSummary, 'entityRef' | 'slug'>,
) => string {
  const entityLink = useEntityRefLink();
  return useCallback(
    spec =>
      `${entityLink(spec.entityRef)}/${SPECS_TAB_PATH}?${new URLSearchParams({
        [SPEC_QUERY_PARAM]: spec.slug,
      })}`,
    [entityLink],
  );
}

/**
 * Links to the TechDocs page of a spec's own catalog entity
 * (`/docs/default/spec/payments-api-001-auth`), or undefined when TechDocs is
 * not installed.
 */
export function useSpecTechDocsLink(): (
  spec: Pick<SpecSummary, 'specEntityRef'>,
) => string | undefined {
  const docRoute = useRouteRef(techdocsDocRouteRef);
  return useCallback(
    spec => {
      if (!docRoute) {
        return undefined;
      }
      const { namespace, name } = parseEntityRef(spec.specEntityRef);
      return docRoute({ namespace, kind: 'spec', name });
    },
    [docRoute],
  );
}
