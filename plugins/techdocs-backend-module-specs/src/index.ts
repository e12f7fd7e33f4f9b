/**
 * TechDocs module that renders a Spec Kit folder as the documentation site of
 * its `Spec` entity.
 *
 * @packageDocumentation
 */

export { techdocsModuleSpecs as default } from './module';
export { writeSpecSite } from './specSite';
