export * from './types';
export * from './conventionPacksExtensionPoint';
