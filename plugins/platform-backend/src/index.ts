/**
 * Catalyst platform backend: specs, conventions, platform tasks, agent context
 * and GitHub webhook intake under /api/platform.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
