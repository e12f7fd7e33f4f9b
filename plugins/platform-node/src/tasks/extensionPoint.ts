import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PlatformTaskExecutor } from './types';

/**
 * Lets backend modules add executors for platform task types.
 *
 * @public
 */
export interface PlatformTaskExecutorsExtensionPoint {
  addExecutor(executor: PlatformTaskExecutor): void;
}

/**
 * The extension point modules use to add task executors to the platform
 * plugin's task worker.
 *
 * @public
 */
export const platformTaskExecutorsExtensionPoint =
  createExtensionPoint<PlatformTaskExecutorsExtensionPoint>({
    id: 'platform.task-executors',
  });
