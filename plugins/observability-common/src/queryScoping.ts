/**
 * Label matchers and PromQL/LogQL scoping of the Catalyst observability plugin,
 * without its permissions: an entry point for tools (the `catalyst` CLI) that
 * must not load Backstage.
 *
 * @packageDocumentation
 */

export * from './matchers';
export * from './scoping';
