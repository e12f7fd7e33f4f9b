import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PlatformTaskQueue } from '../PlatformTaskQueue';

/** The Maintenance tab of a component: the platform tasks about it. */
export function EntityMaintenanceContent() {
  const { entity } = useEntity();
  return <PlatformTaskQueue entityRef={stringifyEntityRef(entity)} />;
}
