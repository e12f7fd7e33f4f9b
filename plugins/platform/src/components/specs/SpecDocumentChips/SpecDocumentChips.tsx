import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import CodeIcon from '@material-ui/icons/Code';
import DescriptionIcon from '@material-ui/icons/Description';
import FindInPageIcon from '@material-ui/icons/FindInPage';
import MemoryIcon from '@material-ui/icons/Memory';
import PlayCircleOutlineIcon from '@material-ui/icons/PlayCircleOutline';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import StorageIcon from '@material-ui/icons/Storage';
import TimelineIcon from '@material-ui/icons/Timeline';
import type { SpecSummary } from '@catalyst/plugin-platform-common';
import type { ReactElement } from 'react';

type SpecFileKind = SpecSummary['documents'][number];

/** The documents worth a chip, in the order Spec Kit writes them. */
export const SPEC_DOCUMENT_KINDS: {
  kind: SpecFileKind;
  label: string;
  icon: ReactElement;
}[] = [
  { kind: 'spec', label: 'spec', icon: <DescriptionIcon /> },
  { kind: 'plan', label: 'plan', icon: <TimelineIcon /> },
  { kind: 'tasks', label: 'tasks', icon: <AssignmentTurnedInIcon /> },
  { kind: 'research', label: 'research', icon: <FindInPageIcon /> },
  { kind: 'data-model', label: 'data model', icon: <StorageIcon /> },
  { kind: 'contract', label: 'contracts', icon: <CodeIcon /> },
  { kind: 'checklist', label: 'checklists', icon: <PlaylistAddCheckIcon /> },
  { kind: 'quickstart', label: 'quickstart', icon: <PlayCircleOutlineIcon /> },
  { kind: 'agent-context', label: 'agent context', icon: <MemoryIcon /> },
];

/** One small chip per document the spec folder has. */
export function SpecDocumentChips(props: { documents: SpecFileKind[] }) {
  const present = new Set(props.documents);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {SPEC_DOCUMENT_KINDS.filter(d => present.has(d.kind)).map(d => (
        <Tooltip key={d.kind} title={`Has ${d.label}`}>
          <Chip size="small" variant="outlined" icon={d.icon} label={d.label} />
        </Tooltip>
      ))}
    </Box>
  );
}
