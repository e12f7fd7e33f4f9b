export * from './extensionPoint';
export * from './types';
export * from './scannerExtensionPoint';
export * from './scannerTypes';
export * from './proposeChange';
export * from './InProcessScanPacer';
