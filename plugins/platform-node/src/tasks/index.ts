export * from './extensionPoint';
export * from './types';
