import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PlatformTaskScanner } from './scannerTypes';

/**
 * Lets backend modules add scanners that find platform tasks on a schedule.
 *
 * @public
 */
export interface PlatformTaskScannersExtensionPoint {
  addScanner(scanner: PlatformTaskScanner): void;
}

/**
 * The extension point modules use to add task scanners to the platform
 * plugin; each scanner runs as its own scheduled job.
 *
 * @public
 */
export const platformTaskScannersExtensionPoint =
  createExtensionPoint<PlatformTaskScannersExtensionPoint>({
    id: 'platform.task-scanners',
  });
