import { InfoCard } from '@backstage/core-components';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, useState } from 'react';
import { MetricExplorer } from '../MetricExplorer';

/** Reads `component:default/x` (kind defaults to component); undefined when malformed. */
function readEntityRef(text: string | null): string | undefined {
  if (!text) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(text.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * `/observability/explore?entity=<ref>&query=<promql>`: the metric explorer for any
 * entity the user can read; the backend scopes the queries to it.
 */
export function MetricExplorerPage() {
  const [params, setParams] = useAppSearchParams();
  const entityParam = params.get('entity');
  const entityRef = readEntityRef(entityParam);
  const [draft, setDraft] = useState(entityParam ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams({ entity: draft.trim() });
  };

  return (
    <InfoCard title="Metric explorer">
      <Box
        component="form"
        onSubmit={submit}
        display="flex"
        alignItems="flex-end"
        mb={2}
        style={{ gap: 8 }}
      >
        <TextField
          label="Entity"
          placeholder="component:default/payments-api"
          value={draft}
          onChange={e => setDraft(e.target.value)}
          style={{ minWidth: 360 }}
        />
        <Button type="submit" variant="outlined">
          Open
        </Button>
      </Box>
      {entityParam && !entityRef && (
        <Typography color="error">
          "{entityParam}" is not an entity ref (kind:namespace/name)
        </Typography>
      )}
      {!entityParam && (
        <Typography variant="body2" color="textSecondary">
          Queries run in the scope of one entity: name it to start.
        </Typography>
      )}
      {entityRef && (
        <MetricExplorer
          key={entityRef}
          entityRef={entityRef}
          initialQuery={params.get('query') ?? undefined}
        />
      )}
    </InfoCard>
  );
}
