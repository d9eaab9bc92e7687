/**
 * The apiserver's validation, one import for the store and the API server: per-kind
 * validators returning {@link FieldError} lists, and the 422 message builder.
 */
export type { FieldError, FieldErrorType } from './field-error.js';
export { fieldErrorText, invalidMessage, statusCauses } from './field-error.js';
export { validateDaemonSet, validateDaemonSetUpdate } from './daemonset-validation.js';
export { validatePod, validatePodSpec, validatePodTemplateSpec } from './pod-validation.js';
export { validateNamespace, validateNode, validateNodeUpdate } from './node-validation.js';
export { validateLabelSelector, validateLabels, validateObjectMeta, selectorMatches } from './meta-validation.js';
export { validateNodeTaints, validateTolerations } from './scheduling-validation.js';
export { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from './names.js';
