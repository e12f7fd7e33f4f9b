export * from './resolveSpecSource';
export * from './SpecSourceReader';
export * from './activeSpecs';
