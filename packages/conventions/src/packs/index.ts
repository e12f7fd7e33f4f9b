import { ConventionPack } from './types';
import { goConventionPack } from './goPack';
import { pythonConventionPack } from './pythonPack';
import { rubyConventionPack } from './rubyPack';
import { typescriptConventionPack } from './typescriptPack';

export * from './types';
export { conventionalCommitTypes } from './collaborationStandards';
export { goConventionPack } from './goPack';
export { pythonConventionPack } from './pythonPack';
export { rubyConventionPack } from './rubyPack';
export { typescriptConventionPack } from './typescriptPack';

/**
 * The packs Catalyst ships, in detection order: a Go, Ruby or Python checkout
 * often carries a package.json for tooling, so Node is tried last.
 *
 * @public
 */
export const defaultConventionPacks: ConventionPack[] = [
  goConventionPack,
  rubyConventionPack,
  pythonConventionPack,
  typescriptConventionPack,
];
