export {
  formatLabelMatcher,
  isValidLabelName,
  LABEL_MATCH_OPS,
  quoteLabelValue,
} from './LabelMatcher';
export type { LabelMatcher, LabelMatchOp } from './LabelMatcher';
export { parseLabelMatcher } from './parseLabelMatcher';
export { labelMatcherMatchesEmpty } from './labelMatcherMatchesEmpty';
export {
  DEFAULT_KUBERNETES_LABEL_NAMES,
  kubernetesLabelSelectorToMatchers,
} from './kubernetesLabelSelectorToMatchers';
export type { KubernetesLabelMappingOptions } from './kubernetesLabelSelectorToMatchers';
export { labelRegexMatches } from './labelRegexMatches';
