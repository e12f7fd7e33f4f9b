/**
 * Catalog module that emits a `Spec` entity for every Spec Kit folder of a
 * component.
 *
 * @packageDocumentation
 */

export { catalogModuleSpecs as default } from './module';
export { SpecEntitiesProcessor } from './processor/SpecEntitiesProcessor';
export { specEntitySchema } from './processor/specEntitySchema';
