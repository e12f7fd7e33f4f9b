import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * An in-memory catalog whose entities a test replaces between reads, the way a catalog
 * ingests new entities while a backend runs.
 */
export function changingCatalog(entities: Entity[] = []) {
  const state = { entities };
  const catalog = catalogServiceMock();
  jest
    .spyOn(catalog, 'getEntities')
    .mockImplementation((request, options) =>
      catalogServiceMock({ entities: state.entities }).getEntities(
        request,
        options,
      ),
    );
  return {
    catalog,
    setEntities: (next: Entity[]) => {
      state.entities = next;
    },
  };
}
