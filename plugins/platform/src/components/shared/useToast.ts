import {
  alertApiRef,
  coreApis,
  useApi,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';

/** A short notice about the outcome of an action. */
export interface Notice {
  title: string;
  description?: string;
  status: 'success' | 'danger';
  timeout?: number;
}

/**
 * Posts notices as toasts in apps on the new frontend system, and as alerts
 * in apps on the legacy system, which have no toast API.
 */
export function useToast(): { post(notice: Notice): void } {
  const toastApi = useApiHolder().get(coreApis.toast);
  const alertApi = useApi(alertApiRef);
  return useMemo(
    () => ({
      post(notice: Notice) {
        if (toastApi) {
          toastApi.post(notice);
          return;
        }
        alertApi.post({
          message: notice.description
            ? `${notice.title}: ${notice.description}`
            : notice.title,
          severity: notice.status === 'danger' ? 'error' : 'success',
          display: notice.timeout ? 'transient' : 'permanent',
        });
      },
    }),
    [toastApi, alertApi],
  );
}
