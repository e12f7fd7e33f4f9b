export * from './types';
export { runCommand } from './runCommand';
export type { CommandResult, RunCommandOptions } from './runCommand';
export { DefaultCheckoutService } from './DefaultCheckoutService';
export { checkoutServiceRef } from './checkoutServiceRef';
