import {
  CommandFact,
  PackageManagerFact,
  StackFact,
  StyleToolFact,
  TestFrameworkFact,
  WorkspacePackageFact,
} from './types';

/** What one ecosystem reader contributes to the repository's facts. */
export interface EcosystemFacts {
  packageManagers: PackageManagerFact[];
  commands: CommandFact[];
  testFrameworks: TestFrameworkFact[];
  stack: StackFact[];
  packages: WorkspacePackageFact[];
  styleTools?: StyleToolFact[];
}

/** An empty contribution. */
export function emptyEcosystemFacts(): EcosystemFacts {
  return {
    packageManagers: [],
    commands: [],
    testFrameworks: [],
    stack: [],
    packages: [],
    styleTools: [],
  };
}
