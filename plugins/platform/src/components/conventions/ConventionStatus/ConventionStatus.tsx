import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { ConventionDriftItem } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import type { ComponentType, ReactNode } from 'react';

type Status = ConventionDriftItem['status'];

/** Every status of a drift item, worst first. */
export const CONVENTION_STATUSES: Status[] = [
  'missing',
  'drift',
  'overridden',
  'unchecked',
  'pass',
];

const INDICATORS: Record<Status, ComponentType<{ children?: ReactNode }>> = {
  pass: StatusOK,
  drift: StatusWarning,
  missing: StatusError,
  overridden: StatusAborted,
  unchecked: StatusPending,
};

/** A drift item's status with Backstage's indicator of the same meaning. */
export function ConventionStatus(props: { status: Status }) {
  const Indicator = INDICATORS[props.status] ?? StatusPending;
  return <Indicator>{props.status}</Indicator>;
}

/** One chip per status with its count (`2 pass`), worst first, zeros left out. */
export function ConventionSummaryChips(props: {
  summary: Record<Status, number>;
}) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} aria-label="Summary">
      {CONVENTION_STATUSES.filter(status => props.summary[status] > 0).map(
        status => (
          <Chip
            key={status}
            size="small"
            variant={status === 'pass' ? 'outlined' : 'default'}
            color={
              status === 'missing' || status === 'drift'
                ? 'secondary'
                : 'default'
            }
            label={`${props.summary[status]} ${status}`}
          />
        ),
      )}
    </Box>
  );
}
