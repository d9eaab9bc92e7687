/**
 * Label key and value validation with the exact messages a v1.32 apiserver returns
 * (apimachinery `validation.IsQualifiedName` / `IsValidLabelValue`), under the names the
 * selector code uses. One implementation serves selectors and API validation: ./names.ts.
 */
export { isDns1123Subdomain as validateDns1123Subdomain, isQualifiedName as validateLabelKey, isValidLabelValue as validateLabelValue } from './names.js';
