import type { TableColumn } from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  SpecListQuery,
  SpecSummary,
} from '@catalyst/plugin-platform-common';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { SpecCompletion } from '../SpecCompletion';
import { DateTime } from '../../shared/DateTime';
import { SpecDocumentChips } from '../SpecDocumentChips';
import { SpecStatusChips } from '../SpecStatusChips';

/** The list's orderable columns, by the `orderBy` the backend understands. */
export type SpecOrderBy = NonNullable<SpecListQuery['orderBy']>;

/**
 * Columns of a spec list. `field` is always a backend `orderBy` value, so a
 * remote table can pass the sorted column straight through.
 */
export function specColumns(options: {
  /** Where a spec's title links to. */
  specHref: (spec: SpecSummary) => string;
  /** Show the component column (the portfolio does, a component's tab does not). */
  withComponent: boolean;
}): TableColumn<SpecSummary>[] {
  const columns: (TableColumn<SpecSummary> & { field?: SpecOrderBy })[] = [
    {
      title: 'Spec',
      field: 'title',
      highlight: true,
      render: spec => (
        <>
          <Link component={RouterLink} href={options.specHref(spec)}>
            {spec.title}
          </Link>
          <Typography variant="caption" display="block" color="textSecondary">
            {spec.slug}
          </Typography>
        </>
      ),
    },
    {
      title: 'Documents',
      sorting: false,
      render: spec => <SpecDocumentChips documents={spec.documents} />,
    },
    {
      title: 'Tasks',
      field: 'completion',
      render: spec => (
        <SpecCompletion counts={spec.counts} completion={spec.completion} />
      ),
    },
    {
      title: 'Status',
      field: 'status',
      render: spec => <SpecStatusChips spec={spec} />,
    },
    {
      title: 'Last change',
      field: 'updatedAt',
      render: spec => <DateTime value={spec.updatedAt} precision="day" />,
    },
  ];
  if (options.withComponent) {
    columns.unshift({
      title: 'Component',
      field: 'entityRef',
      render: spec => (
        <EntityRefLink entityRef={spec.entityRef} defaultKind="component" />
      ),
    });
  }
  return columns;
}
