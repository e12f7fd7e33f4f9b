import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { SpecDetail } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef, SpecLocator } from '../../../api';
import { useSpecTechDocsLink } from '../../../hooks/useSpecLinks';
import { SpecCompletion } from '../SpecCompletion';
import { DateTime } from '../../shared/DateTime';
import { SpecDocumentChips } from '../SpecDocumentChips';
import { SpecStatusChips } from '../SpecStatusChips';
import { SpecTaskList } from '../SpecTaskList';
import { SpecDiagnostics } from './SpecDiagnostics';
import { SpecDocuments } from './SpecDocuments';
import { SpecPullRequests } from './SpecPullRequests';
import { SpecTraceability } from './SpecTraceability';
import { CardTab, TabbedCard } from '../../shared/TabbedCard';

/**
 * One spec: header with status, completion and links, then tabs for tasks,
 * documents, stories and requirements, pull requests and diagnostics.
 */
export function SpecDetailView(
  props: SpecLocator & {
    /** Where "All specs" goes back to. */
    backHref: string;
    /** Changes after a refresh, so the spec is read again. */
    reloadKey?: number;
  },
) {
  const { entityRef, slug, backHref, reloadKey } = props;
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getSpec({ entityRef, slug }),
    [platformApi, entityRef, slug, reloadKey],
  );

  const back = (
    <Link component={RouterLink} href={backHref}>
      <Box display="inline-flex" alignItems="center" style={{ gap: 4 }}>
        <ArrowBackIcon fontSize="small" /> All specs
      </Box>
    </Link>
  );
  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return (
      <>
        {back}
        {(error as { statusCode?: number }).statusCode === 404 ? (
          <EmptyState
            missing="data"
            title={`No spec ${slug}`}
            description="This component has no spec folder of that name; it may have been renamed or removed."
          />
        ) : (
          <ResponseErrorPanel error={error} />
        )}
      </>
    );
  }
  if (!value) {
    return null;
  }
  return (
    <>
      {back}
      <SpecHeader spec={value} />
      <SpecTabs spec={value} />
    </>
  );
}

function SpecHeader(props: { spec: SpecDetail }) {
  const { spec } = props;
  const techdocsHref = useSpecTechDocsLink()(spec);
  const facts: [string, ReactNode][] = [
    ['Folder', spec.path],
    ['Branch', spec.branch ?? '—'],
    [
      'Created',
      spec.created ? <DateTime value={spec.created} precision="day" /> : '—',
    ],
    ['Last change', <DateTime value={spec.updatedAt} precision="day" />],
    ['Last synced', <DateTime value={spec.lastSyncedAt} precision="day" />],
    [
      'Owner',
      spec.owner ? (
        <EntityRefLink entityRef={spec.owner} defaultKind="group" />
      ) : (
        '—'
      ),
    ],
  ];
  return (
    <Box my={2}>
      <InfoCard
        title={spec.title}
        subheader={spec.slug}
        action={
          techdocsHref && (
            <Box m={1}>
              <Link component={RouterLink} href={techdocsHref}>
                Read in TechDocs
              </Link>
            </Box>
          )
        }
      >
        <Grid container spacing={2} alignItems="center">
          <Grid item xs={12} md={4}>
            <SpecStatusChips spec={spec} />
          </Grid>
          <Grid item xs={12} md={4}>
            <SpecCompletion counts={spec.counts} completion={spec.completion} />
          </Grid>
          <Grid item xs={12} md={4}>
            <SpecDocumentChips documents={spec.documents} />
          </Grid>
          {facts.map(([label, fact]) => (
            <Grid item xs={6} md={2} key={label}>
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {label}
              </Typography>
              <Typography variant="body2" component="div">
                {fact}
              </Typography>
            </Grid>
          ))}
        </Grid>
      </InfoCard>
    </Box>
  );
}

function SpecTabs(props: { spec: SpecDetail }) {
  const { spec } = props;
  const tabs: CardTab[] = [
    {
      label: `Tasks (${spec.counts.done} / ${spec.counts.total})`,
      content: <SpecTaskList tasks={spec.tasks} />,
    },
    {
      label: `Documents (${spec.files.length})`,
      content: <SpecDocuments spec={spec} />,
    },
    {
      label: 'Stories & requirements',
      content: <SpecTraceability spec={spec} />,
    },
    {
      label: `Pull requests (${spec.pullRequests.length})`,
      content: <SpecPullRequests pullRequests={spec.pullRequests} />,
    },
  ];
  if (spec.diagnostics.length > 0) {
    tabs.push({
      label: `Diagnostics (${spec.diagnostics.length})`,
      content: <SpecDiagnostics diagnostics={spec.diagnostics} />,
    });
  }
  return <TabbedCard label="Spec sections" tabs={tabs} />;
}
