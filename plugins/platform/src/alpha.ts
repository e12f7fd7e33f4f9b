/**
 * The Catalyst platform plugin on the new frontend system: install it with
 * feature discovery or `createApp({ features: [platformPlugin] })`.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
