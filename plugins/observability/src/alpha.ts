/**
 * The Catalyst observability plugin on the new frontend system: install it
 * with feature discovery or `createApp({ features: [observabilityPlugin] })`.
 *
 * @packageDocumentation
 */

export { observabilityPlugin as default } from './plugin';
