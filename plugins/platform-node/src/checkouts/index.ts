export * from './types';
export { runCommand } from './runCommand';
export type { CommandResult, RunCommandOptions } from './runCommand';
export { DefaultCheckoutService } from './DefaultCheckoutService';
export { checkoutServiceRef } from './checkoutServiceRef';
export {
  DefaultIsolatedToolRunner,
  readIsolationConfig,
} from './isolatedToolRunner';
export type {
  IsolatedToolRunner,
  IsolatedToolRunnerOptions,
  IsolatedToolRunOptions,
} from './isolatedToolRunner';
export { isolatedToolRunnerServiceRef } from './isolatedToolRunnerServiceRef';
