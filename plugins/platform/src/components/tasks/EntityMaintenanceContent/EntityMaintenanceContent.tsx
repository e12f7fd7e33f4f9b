import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PlatformTaskQueue } from '../PlatformTaskQueue';

/**
 * The Maintenance tab of a component: the platform tasks about it, and the
 * breakers that hold back work on its repository.
 */
export function EntityMaintenanceContent() {
  const { entity } = useEntity();
  const slug = entity.metadata.annotations?.['github.com/project-slug'];
  return (
    <PlatformTaskQueue
      entityRef={stringifyEntityRef(entity)}
      repositories={slug ? [slug] : undefined}
    />
  );
}
