import {
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import { useCallback, useMemo } from 'react';
import { platformApiRef } from '../../../api';
import { useReloadableAsync } from '../../../hooks/useReloadableAsync';
import { TASK_QUERY_PARAM } from '../../../routes';
import { ServerPagination } from '../../shared/ServerPagination';
import { useUrlFilters } from '../../shared/useUrlFilters';
import { TaskBreakerBanner } from '../TaskBreakers';
import { TaskDetailDrawer } from '../TaskDetailDrawer';
import { taskColumns } from './taskColumns';
import { TaskFilters } from './TaskFilters';
import {
  TASK_PAGE_SIZES,
  taskQueueFilters,
  toTaskListQuery,
} from './taskQueueQuery';

// A filter change goes back to the first page.
const FIRST_PAGE = { reset: { page: 0 } };

/**
 * The platform task queue: circuit breakers that hold work back, filters and
 * the page of tasks (both kept in the URL), and the details of the task the
 * URL names (`?task=42`). `entityRef` pins it to one component; its
 * breaker warning then only names the global GitHub breaker and those of
 * `repositories` and of the repositories its tasks change.
 */
export function PlatformTaskQueue(props: {
  entityRef?: string;
  repositories?: string[];
}) {
  const { entityRef } = props;
  const platformApi = useApi(platformApiRef);
  const [params, update] = useUrlFilters(taskQueueFilters, FIRST_PAGE);
  const [searchParams, setSearchParams] = useAppSearchParams();
  const query = toTaskListQuery(params, entityRef);
  const queryKey = JSON.stringify(query);
  const { value, loading, error, reload, reloadKey } = useReloadableAsync(
    () => platformApi.listTasks(JSON.parse(queryKey)),
    [platformApi, queryKey],
  );

  const openId = Number(searchParams.get(TASK_QUERY_PARAM));
  const setOpenTask = useCallback(
    (id?: number) =>
      setSearchParams(previous => {
        const next = new URLSearchParams(previous);
        if (id === undefined) next.delete(TASK_QUERY_PARAM);
        else next.set(TASK_QUERY_PARAM, String(id));
        return next;
      }),
    [setSearchParams],
  );

  const searchText = searchParams.toString();
  const columns = useMemo(() => {
    const taskHref = (task: PlatformTask) => {
      const next = new URLSearchParams(searchText);
      next.set(TASK_QUERY_PARAM, String(task.id));
      return `?${next}`;
    };
    return taskColumns({ taskHref, withEntity: !entityRef });
  }, [searchText, entityRef]);

  const filtered = Boolean(
    params.status.length ||
      params.type ||
      params.repository ||
      (!entityRef && params.entity),
  );
  const emptyMessage = filtered ? (
    'No task matches these filters.'
  ) : (
    <EmptyState
      missing="data"
      title="No platform tasks yet"
      description="Scanners queue tasks (convention fixes, dependency updates, AGENTS.md refreshes) as they find work; they show up here with their attempts and pull requests."
    />
  );

  return (
    <>
      <TaskBreakerBanner
        reloadKey={reloadKey}
        repositories={
          entityRef
            ? [
                ...(props.repositories ?? []),
                ...(value?.items.flatMap(task =>
                  task.repository ? [task.repository] : [],
                ) ?? []),
              ]
            : undefined
        }
      />
      <Box mb={2}>
        <TaskFilters value={params} onChange={update} withEntity={!entityRef} />
      </Box>
      {error && (
        <Box mb={2}>
          <ResponseErrorPanel error={error} />
        </Box>
      )}
      <Table<PlatformTask>
        title={
          value ? `Platform tasks (${value.totalCount})` : 'Platform tasks'
        }
        isLoading={loading}
        columns={columns}
        data={value?.items ?? []}
        options={{ search: false, paging: false, padding: 'dense' }}
        localization={{
          body: {
            emptyDataSourceMessage: error
              ? 'Tasks could not be loaded.'
              : emptyMessage,
          },
        }}
      />
      <ServerPagination
        count={value?.totalCount ?? 0}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={TASK_PAGE_SIZES}
        onChange={update}
      />
      <TaskDetailDrawer
        id={openId > 0 ? openId : undefined}
        onClose={() => setOpenTask(undefined)}
        onChanged={reload}
      />
    </>
  );
}
