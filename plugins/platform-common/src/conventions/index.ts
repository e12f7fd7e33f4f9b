export * from './api';
export * from './permissions';
export * from './rules';
