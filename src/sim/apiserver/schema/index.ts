/**
 * The schema registry's public face: kinds, types and fields the simulator serves, for strict
 * field validation, strategic merge patch and the OpenAPI documents kubectl downloads.
 */
export { schemaFor, rootKinds, typeDef, typeNames, fieldAt, patchFactFor, objectTypeOf } from './registry.js';
export type { KindSchema } from './registry.js';
export { findUnknownFields, strictDecodingMessage } from './unknown-fields.js';
export { SPECIAL_TYPES, shortTypeName, type PatchFact, type RootKind } from './facts.js';
export type { FieldDef, TypeDef, TypeExpr } from './model.js';
