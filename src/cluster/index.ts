/** Public API of the pure cluster domain: types plus the predicates every other layer shares. */
export * from './types.js';
export {
  EVERYTHING,
  NOTHING,
  SelectorParseError,
  formatLabels,
  labelSelectorAsSelector,
  labelSelectorToString,
  matchesLabelSelector,
  matchesParsedSelector,
  parseSelector,
  selectorToString,
  validateDns1123Subdomain,
  validateLabelKey,
  validateLabelValue,
  type ParsedSelector,
  type SelectorOperator,
  type SelectorRequirement,
} from './labels.js';
export {
  nodeMatchesNodeSelector,
  nodeMatchesRequiredAffinity,
  nodeSelectorMismatch,
  requiredAffinityMismatch,
} from './node-affinity.js';
export {
  findUntoleratedTaint,
  noExecuteEviction,
  taintToString,
  toleratesTaint,
  tolerationToString,
  tolerationsTolerateTaint,
  type EvictionDecision,
} from './taints.js';
export {
  DAEMON_DEFAULT_TOLERATIONS,
  DAEMON_HOST_NETWORK_TOLERATION,
  nodeShouldRunDaemonPod,
  withDefaultDaemonTolerations,
  type DaemonPlacement,
} from './daemon-placement.js';
export {
  QuantityParseError,
  canonicalizeQuantity,
  formatMilliCpu,
  parseQuantity,
  parseQuantityCached,
  quantityToMilli,
  quantityToString,
  quantityValue,
  type Quantity,
  type QuantityFormat,
} from './quantity.js';
export {
  addQuantities,
  compareQuantities,
  insufficientResources,
  podRequests,
  subtractQuantities,
  sumResourceLists,
} from './resource-fit.js';
