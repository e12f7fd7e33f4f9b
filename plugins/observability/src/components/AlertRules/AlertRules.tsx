import { CodeSnippet, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  AlertRule,
  observabilityRulesManagePermission,
  RuleApplication,
} from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import { AlertRuleDialog } from './AlertRuleDialog';
import { AlertRuleTable } from './AlertRuleTable';
import { AlertRuleFormValues, formToRequest } from './alertRuleForm';

/** What a change did to Prometheus, in one sentence. */
function describeApplication(application: RuleApplication): string {
  if (application.status === 'not-configured') {
    return application.message ?? 'The rules are stored but not applied';
  }
  const where = application.prometheusRule
    ? `PrometheusRule ${application.prometheusRule.namespace}/${application.prometheusRule.name}`
    : `rule file ${application.file}`;
  return `Applied to Prometheus '${application.instance}' as ${where}${
    application.message ? `: ${application.message}` : ''
  }`;
}

/**
 * The alert rules of an entity: a table of the stored rules, create, edit and delete (with
 * `observability.rules.manage`), and the Prometheus rule group they render to.
 *
 * @public
 */
export function AlertRules(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(observabilityApiRef);
  const { allowed: canManage } = usePermission({
    permission: observabilityRulesManagePermission,
    resourceRef: entityRef,
  });
  const [editing, setEditing] = useState<AlertRule | 'new'>();
  const [deleting, setDeleting] = useState<AlertRule>();
  const [deleteError, setDeleteError] = useState<Error>();
  const [applied, setApplied] = useState<RuleApplication>();
  const state = useAsyncRetry(
    () =>
      Promise.all([
        api.getRules({ entityRef }),
        api.getRenderedRules({ entityRef }),
      ]),
    [api, entityRef],
  );

  async function save(form: AlertRuleFormValues) {
    const result =
      editing === 'new' || editing === undefined
        ? await api.createRule({ entityRef, rule: formToRequest(form, false) })
        : await api.updateRule({
            entityRef,
            id: editing.id,
            rule: formToRequest(form, true),
          });
    setApplied(result.application);
    setEditing(undefined);
    state.retry();
  }

  async function remove(rule: AlertRule) {
    setDeleteError(undefined);
    try {
      const result = await api.deleteRule({ entityRef, id: rule.id });
      setApplied(result.application);
      setDeleting(undefined);
      state.retry();
    } catch (e) {
      setDeleteError(e as Error);
    }
  }

  let content;
  if (state.loading && !state.value) content = <Progress />;
  else if (state.error)
    content = <ObservabilityErrorPanel error={state.error} />;
  else {
    const [rules, rendered] = state.value!;
    content = (
      <>
        <AlertRuleTable
          rules={rules.items}
          onEdit={canManage ? setEditing : undefined}
          onDelete={canManage ? setDeleting : undefined}
        />
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Rendered Prometheus rule group
          </Typography>
          <div aria-label="Rendered Prometheus rule group">
            <CodeSnippet
              language="yaml"
              text={rendered.prometheusRules}
              showCopyCodeButton
            />
          </div>
        </Box>
      </>
    );
  }

  return (
    <Box>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h6">Alert rules</Typography>
        <Button
          color="primary"
          variant="outlined"
          disabled={!canManage}
          title={
            canManage ? undefined : 'You are not allowed to manage alert rules'
          }
          onClick={() => setEditing('new')}
        >
          Add rule
        </Button>
      </Box>
      {applied && (
        <Box my={1}>
          <Alert severity="success" onClose={() => setApplied(undefined)}>
            {describeApplication(applied)}
          </Alert>
        </Box>
      )}
      {content}
      {editing && (
        <AlertRuleDialog
          rule={editing === 'new' ? undefined : editing}
          onSubmit={save}
          onClose={() => setEditing(undefined)}
        />
      )}
      {deleting && (
        <Dialog
          open
          onClose={() => setDeleting(undefined)}
          aria-labelledby="delete-alert-rule-title"
        >
          <DialogTitle id="delete-alert-rule-title">
            Delete alert rule {deleting.id}?
          </DialogTitle>
          <DialogContent>
            {deleteError && <ObservabilityErrorPanel error={deleteError} />}
            <Typography variant="body2">
              Prometheus stops evaluating it at once.
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDeleting(undefined)}>Cancel</Button>
            <Button color="secondary" onClick={() => remove(deleting)}>
              Delete
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
