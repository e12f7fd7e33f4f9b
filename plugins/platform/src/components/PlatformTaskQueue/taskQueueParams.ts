import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  PLATFORM_TASK_STATUSES,
  PlatformTaskStatus,
} from '@catalyst/plugin-platform-common';
import type { PlatformTaskListQuery } from '../../api';

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

const KEYS = ['status', 'type', 'repository', 'entity', 'page', 'pageSize'];

/** Reads the queue's filters from the URL, ignoring values it cannot use. */
export function readTaskQueueParams(params: URLSearchParams): TaskQueueParams {
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is PlatformTaskStatus =>
      PLATFORM_TASK_STATUSES.includes(s as PlatformTaskStatus),
    );
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    status,
    type: params.get('type') ?? '',
    repository: params.get('repository') ?? '',
    entity: params.get('entity') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: TASK_PAGE_SIZES.includes(pageSize)
      ? pageSize
      : TASK_PAGE_SIZES[0],
  };
}

/**
 * Writes the queue's filters into a copy of `previous`, keeping its other
 * parameters (the open task) and leaving defaults out of the URL.
 */
export function writeTaskQueueParams(
  value: TaskQueueParams,
  previous: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(previous);
  KEYS.forEach(key => next.delete(key));
  const set = (key: string, text: string) => {
    if (text.trim()) next.set(key, text.trim());
  };
  set('status', value.status.join(','));
  set('type', value.type);
  set('repository', value.repository);
  set('entity', value.entity);
  if (value.page > 0) next.set('page', String(value.page));
  if (value.pageSize !== TASK_PAGE_SIZES[0]) {
    next.set('pageSize', String(value.pageSize));
  }
  return next;
}

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
