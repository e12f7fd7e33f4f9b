/**
 * Convention engine and Catalyst's default convention packs: standard files
 * and rules per ecosystem, catalyst.yaml overrides, drift detection and fixes.
 *
 * @packageDocumentation
 */

export * from './packs';
export * from './config/catalystConfigSchema';
export type {
  CatalystConfigResult,
  ConventionDiagnostic,
} from './config/readCatalystConfig';
export {
  parseCatalystConfig,
  readCatalystConfig,
} from './config/readCatalystConfig';
export * from './compare/structuredDifferences';
export * from './compare/compareFileContent';
export { unifiedDiff } from './compare/unifiedDiff';
export * from './resolve/resolveConventions';
export type { SelectedConventionPack } from './resolve/selectConventionPack';
export * from './drift/types';
export {
  ConventionsConfigError,
  detectConventionDrift,
} from './drift/detectConventionDrift';
export type { DetectConventionDriftOptions } from './drift/detectConventionDrift';
export * from './fix/fixConventionDrift';
