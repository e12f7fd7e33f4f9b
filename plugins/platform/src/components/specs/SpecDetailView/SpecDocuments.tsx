import type { SpecDetail } from '@catalyst/plugin-platform-common';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import InsertDriveFileIcon from '@material-ui/icons/InsertDriveFile';
import { useMemo, useState } from 'react';
import { SPEC_DOCUMENT_KINDS } from '../SpecDocumentChips';
import { SpecDocumentContent } from './SpecDocumentContent';

const KIND_ORDER = SPEC_DOCUMENT_KINDS.map(d => d.kind as string);

/** The spec's files in a side list; the selected one is shown beside it. */
export function SpecDocuments(props: { spec: SpecDetail }) {
  const { spec } = props;
  const files = useMemo(
    () =>
      [...spec.files].sort((a, b) => {
        const rank = (kind: string) =>
          KIND_ORDER.includes(kind)
            ? KIND_ORDER.indexOf(kind)
            : KIND_ORDER.length;
        return rank(a.kind) - rank(b.kind) || a.path.localeCompare(b.path);
      }),
    [spec.files],
  );
  const [selected, setSelected] = useState<string | undefined>(files[0]?.path);

  if (files.length === 0) {
    return (
      <Typography color="textSecondary">
        This spec folder has no files.
      </Typography>
    );
  }
  const icon = (kind: string) =>
    SPEC_DOCUMENT_KINDS.find(d => d.kind === kind)?.icon ?? (
      <InsertDriveFileIcon />
    );
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={3}>
        <List dense component="nav" aria-label="Spec documents">
          {files.map(file => (
            <ListItem
              key={file.path}
              button
              selected={file.path === selected}
              onClick={() => setSelected(file.path)}
            >
              <ListItemIcon style={{ minWidth: 32 }}>
                {icon(file.kind)}
              </ListItemIcon>
              <ListItemText primary={file.path} />
            </ListItem>
          ))}
        </List>
      </Grid>
      <Grid item xs={12} md={9}>
        {selected && (
          <SpecDocumentContent
            entityRef={spec.entityRef}
            slug={spec.slug}
            path={selected}
          />
        )}
      </Grid>
    </Grid>
  );
}
