import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  PLATFORM_TASK_STATUSES,
  PlatformTaskStatus,
} from '@catalyst/plugin-platform-common';
import type { PlatformTaskListQuery } from '../../../api';
import { urlFilter, UrlFilterSchema } from '../../shared/useUrlFilters';

/** The queue's filters and page as the URL keeps them. */
export interface TaskQueueParams {
  status: PlatformTaskStatus[];
  type: string;
  repository: string;
  /** An entity ref; a bare name means a component in the default namespace. */
  entity: string;
  page: number;
  pageSize: number;
}

/** Rows per page the queue offers. */
export const TASK_PAGE_SIZES = [20, 50, 100];

/** How the queue keeps its filters in the URL, beside the open task. */
export const taskQueueFilters: UrlFilterSchema<TaskQueueParams> = {
  status: urlFilter.list(PLATFORM_TASK_STATUSES),
  type: urlFilter.text(),
  repository: urlFilter.text(),
  entity: urlFilter.text(),
  page: urlFilter.page(),
  pageSize: urlFilter.pageSize(TASK_PAGE_SIZES),
};

/**
 * The backend query of the queue's filters. `entityRef` pins the queue to
 * one component (the Maintenance tab) and wins over the entity filter.
 */
export function toTaskListQuery(
  value: TaskQueueParams,
  entityRef?: string,
): PlatformTaskListQuery {
  const query: PlatformTaskListQuery = {
    offset: value.page * value.pageSize,
    limit: value.pageSize,
  };
  if (value.status.length) query.status = value.status;
  if (value.type.trim()) query.type = value.type.trim();
  if (value.repository.trim()) query.repository = value.repository.trim();
  const entity = entityRef ?? normalizeEntityRef(value.entity);
  if (entity) query.entityRef = entity;
  return query;
}

function normalizeEntityRef(text: string): string | undefined {
  if (!text.trim()) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(text.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    // Half-typed refs go through as written; the backend matches nothing.
    return text.trim();
  }
}
