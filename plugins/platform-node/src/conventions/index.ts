export type {
  ConventionEcosystemDetection,
  ConventionFileFormat,
  ConventionJsonValue,
  ConventionPack,
  ConventionRule,
  ConventionRuleType,
  ConventionStandardFile,
} from '@catalyst/conventions';
export * from './conventionPacksExtensionPoint';
