import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  useApi,
  useAppLocation,
  useAppSearchParams,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { SpecSummary } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../../api';
import { SPEC_QUERY_PARAM } from '../../../routes';
import { SpecDetailView } from '../SpecDetailView';
import { SpecRefreshButton } from '../SpecRefreshButton';
import { specColumns } from '../SpecTable';

/**
 * The Specs tab of a component: its spec folders, or one of them when the URL
 * names it (`?spec=001-auth`).
 */
export function EntitySpecsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [searchParams] = useAppSearchParams();
  const { pathname } = useAppLocation();
  const slug = searchParams.get(SPEC_QUERY_PARAM);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey(k => k + 1), []);

  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        <SpecRefreshButton entityRef={entityRef} onRefreshed={reload} />
      </Box>
      {slug ? (
        <SpecDetailView
          entityRef={entityRef}
          slug={slug}
          backHref={pathname}
          reloadKey={reloadKey}
        />
      ) : (
        <EntitySpecList entityRef={entityRef} reloadKey={reloadKey} />
      )}
    </>
  );
}

// A component has a handful of specs; one page holds them all.
const COMPONENT_SPEC_LIMIT = 500;

function EntitySpecList(props: { entityRef: string; reloadKey: number }) {
  const { entityRef, reloadKey } = props;
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () =>
      platformApi.listSpecs({
        entityRef,
        orderBy: 'slug',
        order: 'asc',
        limit: COMPONENT_SPEC_LIMIT,
      }),
    [platformApi, entityRef, reloadKey],
  );
  const columns = useMemo(
    () =>
      specColumns({
        specHref: spec =>
          `?${new URLSearchParams({ [SPEC_QUERY_PARAM]: spec.slug })}`,
        withComponent: false,
      }),
    [],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No specs for this component"
        description="Add Spec Kit folders (specs/001-name/spec.md, plan.md, tasks.md) to the component's repository; they show up here once the catalog has read them, or press Refresh."
      />
    );
  }
  return (
    <Table<SpecSummary>
      title={`Specs (${value.totalCount})`}
      columns={columns}
      data={value.items}
      options={{
        search: value.items.length > 10,
        paging: value.items.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
    />
  );
}
