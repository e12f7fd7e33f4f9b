/**
 * Small pieces shared by Catalyst's backend plugins.
 *
 * @packageDocumentation
 */

export { parseInput } from './parseInput';
export { entityRefFromParams } from './entityRefFromParams';
