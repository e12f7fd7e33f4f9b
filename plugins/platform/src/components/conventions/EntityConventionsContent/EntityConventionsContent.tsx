import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { ConventionsReport } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { platformApiRef } from '../../../api';
import { useReloadableAsync } from '../../../hooks/useReloadableAsync';
import { ConventionSummaryChips } from '../ConventionStatus';
import { ConventionFixButton } from './ConventionFixButton';
import { ConventionItemsTable } from './ConventionItemsTable';
import { ConventionWarnings } from './ConventionWarnings';

function ConventionsHeader(props: {
  report: ConventionsReport;
  entityRef: string;
  onFixed: () => void;
}) {
  const { report, entityRef, onFixed } = props;
  return (
    <InfoCard
      title={`Pack: ${report.pack.title}`}
      subheader={`${report.pack.id} — chosen because: ${report.pack.reason}`}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        {report.drifted ? (
          <Chip color="secondary" size="small" label="Drifted" />
        ) : (
          <Chip color="primary" size="small" label="Compliant" />
        )}
        <ConventionSummaryChips summary={report.summary} />
      </Box>
      <Box mt={2}>
        <ConventionFixButton
          entityRef={entityRef}
          pullRequest={report.pullRequest}
          onFixed={onFixed}
        />
        {report.pullRequest && (
          <Typography variant="caption" color="textSecondary">
            Open on {report.pullRequest.branch}:{' '}
            {report.pullRequest.files.join(', ')}
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}

/**
 * The Conventions tab of a component: its convention pack and why it was
 * chosen, how each standard file and rule fares (with evidence and diff),
 * catalyst.yaml warnings, and the pull request that fixes the drift.
 */
export function EntityConventionsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const platformApi = useApi(platformApiRef);
  const { value, loading, error, reload } = useReloadableAsync(
    () => platformApi.getConventions({ entityRef }),
    [platformApi, entityRef],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  return (
    <>
      <Box mb={2}>
        <ConventionsHeader
          report={value}
          entityRef={entityRef}
          onFixed={reload}
        />
      </Box>
      {value.warnings.length > 0 && (
        <Box mb={2}>
          <ConventionWarnings warnings={value.warnings} />
        </Box>
      )}
      <ConventionItemsTable items={value.items} />
    </>
  );
}
