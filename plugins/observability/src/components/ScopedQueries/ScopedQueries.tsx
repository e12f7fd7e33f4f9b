import type { ScopedQuery } from '@catalyst/plugin-observability-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';

/**
 * The queries as the backend sent them, scope matchers included; collapsed by default.
 *
 * @public
 */
export function ScopedQueries(props: {
  queries: ScopedQuery[];
  title?: string;
}) {
  const { queries, title = `Scoped queries (${queries.length})` } = props;
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }} elevation={0}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">{title}</Typography>
      </AccordionSummary>
      <AccordionDetails style={{ flexDirection: 'column' }}>
        {queries.map(query => (
          <div key={`${query.name}:${query.query}`}>
            <Typography variant="caption" color="textSecondary">
              {query.name}
            </Typography>
            <Typography
              variant="body2"
              component="pre"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              <code>{query.query}</code>
            </Typography>
          </div>
        ))}
      </AccordionDetails>
    </Accordion>
  );
}
