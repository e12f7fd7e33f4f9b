export * from './SpecEntity';
export * from './api';
