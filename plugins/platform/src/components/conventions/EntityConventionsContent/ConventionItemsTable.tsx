import { CodeSnippet, Table } from '@backstage/core-components';
import type { ConventionDriftItem } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ConventionStatus } from '../ConventionStatus';

function ItemEvidence(props: { item: ConventionDriftItem }) {
  const { item } = props;
  return (
    <Box p={2} role="region" aria-label={`Evidence for ${item.name}`}>
      {item.evidence.length > 0 ? (
        <ul>
          {item.evidence.map((line, index) => (
            <li key={index}>
              <Typography variant="body2">{line}</Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No evidence recorded.
        </Typography>
      )}
      {item.diff && <CodeSnippet text={item.diff} language="diff" />}
    </Box>
  );
}

/** The standard files and rules of a drift report; a row expands to its evidence and diff. */
export function ConventionItemsTable(props: { items: ConventionDriftItem[] }) {
  return (
    <Table<ConventionDriftItem>
      title="Files and rules"
      data={props.items}
      options={{
        search: false,
        paging: props.items.length > 50,
        pageSize: 50,
        padding: 'dense',
      }}
      detailPanel={({ rowData }) => <ItemEvidence item={rowData} />}
      columns={[
        { title: 'Name', field: 'name', highlight: true },
        {
          title: 'Kind',
          field: 'kind',
          render: item =>
            item.ruleType ? `${item.kind} (${item.ruleType})` : item.kind,
        },
        {
          title: 'Required',
          field: 'required',
          render: item => (item.required ? 'required' : 'optional'),
        },
        {
          title: 'Status',
          field: 'status',
          render: item => <ConventionStatus status={item.status} />,
        },
        {
          title: 'Evidence',
          sorting: false,
          render: item => item.evidence[0] ?? (item.diff ? 'see the diff' : ''),
        },
      ]}
    />
  );
}
