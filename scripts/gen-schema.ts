/**
 * Generates src/sim/apiserver/schema/schema.generated.json from @kubernetes/client-node's models:
 * walks each served kind's `attributeTypeMap` recursively, takes field descriptions from the
 * models' .d.ts doc comments, and adds the hand-kept facts. Run: `npx tsx scripts/gen-schema.ts`.
 * Build-time only, so the simulator's start path never loads client-node (about 600 ms).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import { ROOT_KINDS, SPECIAL_TYPES, canonicalTypeName, shortTypeName, QUANTITY_FIELDS } from '../src/sim/apiserver/schema/facts.js';
import { FIELD_DESCRIPTIONS } from '../src/sim/apiserver/schema/field-descriptions.js';
import type { FieldDef, GeneratedSchema, TypeDef, TypeExpr } from '../src/sim/apiserver/schema/model.js';

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

const require = createRequire(import.meta.url);
const pkgDir = dirname(dirname(require.resolve('@kubernetes/client-node')));
const modelsDir = join(pkgDir, 'dist', 'gen', 'models');
const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
const outFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'sim', 'apiserver', 'schema', 'schema.generated.json');

function attributesOf(modelClass: string): Attribute[] {
  const cls = (k8s as unknown as Record<string, { attributeTypeMap?: Attribute[] } | undefined>)[modelClass];
  if (!cls?.attributeTypeMap) throw new Error(`client-node has no model class ${modelClass}`);
  return cls.attributeTypeMap;
}

/** Reads a model's .d.ts: the class description and each property's doc comment. */
function docsOf(modelClass: string): { description?: string; fields: Map<string, string> } {
  const text = readFileSync(join(modelsDir, `${modelClass}.d.ts`), 'utf8');
  const unescape = (s: string): string => s.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  const comment = (body: string): string =>
    unescape(
      body
        .split('\n')
        .map((line) => line.replace(/^\s*\*\s?/, ''))
        .join('\n')
        .trim(),
    );
  const classMatch = /\/\*\*\n((?:\s*\*.*\n)*?)\s*\*\/\nexport declare class/.exec(text);
  const fields = new Map<string, string>();
  const propRe = /\/\*\*\n((?:\s*\*.*\n)*?)\s*\*\/\n\s*'([^']+)'\??:/g;
  for (let m = propRe.exec(text); m; m = propRe.exec(text)) fields.set(m[2] ?? '', comment(m[1] ?? ''));
  return { description: classMatch ? comment(classMatch[1] ?? '') : undefined, fields };
}

const types: Record<string, TypeDef> = {};
const pending: string[] = [];
const modelOf = new Map<string, string>();

function typeExpr(attr: Attribute, owner: string): TypeExpr {
  const fieldKey = `${shortTypeName(owner)}.${attr.baseName}`;
  const parse = (t: string): TypeExpr => {
    const arr = /^Array<(.+)>$/.exec(t);
    if (arr) return { items: parse(arr[1] ?? '') };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
    if (map) return { values: parse(map[1] ?? '') };
    if (t === 'string') {
      if (QUANTITY_FIELDS.has(fieldKey)) return { ref: SPECIAL_TYPES.quantity };
      return attr.format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
    }
    if (t === 'boolean') return { type: 'boolean' };
    if (t === 'number') {
      if (attr.format === 'double') return { type: 'number', format: 'double' };
      return { type: 'integer', format: attr.format || 'int64' };
    }
    if (t === 'V1MicroTime') return { ref: SPECIAL_TYPES.microTime };
    if (t === 'Date') return { ref: attr.format === 'date-time-micro' ? SPECIAL_TYPES.microTime : SPECIAL_TYPES.time };
    if (t === 'IntOrString') return { ref: SPECIAL_TYPES.intOrString };
    if (t === 'any') return { ref: attr.baseName === 'fieldsV1' ? SPECIAL_TYPES.fieldsV1 : SPECIAL_TYPES.rawExtension };
    const name = canonicalTypeName(t);
    if (!types[name] && !pending.includes(name)) {
      pending.push(name);
      modelOf.set(name, t);
    }
    return { ref: name };
  };
  return parse(attr.type);
}

function isRefLike(expr: TypeExpr): boolean {
  return 'ref' in expr;
}

function visit(name: string, modelClass: string): void {
  const docs = docsOf(modelClass);
  const requiredProps = new Set(
    [...readFileSync(join(modelsDir, `${modelClass}.d.ts`), 'utf8').matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1] ?? ''),
  );
  const intOrStringDoc = docsOf('V1RollingUpdateDaemonSet').fields.get('maxSurge');
  const fields: FieldDef[] = attributesOf(modelClass).map((attr) => {
    const type = typeExpr(attr, name);
    let description = docs.fields.get(attr.name);
    if (isRefLike(type) && description === intOrStringDoc) description = undefined;
    description = FIELD_DESCRIPTIONS[`${shortTypeName(name)}.${attr.baseName}`] ?? description;
    const field: FieldDef = { name: attr.baseName, type };
    if (description) field.description = description;
    if (requiredProps.has(attr.name)) field.required = true;
    return field;
  });
  types[name] = { description: docs.description, fields };
}

for (const root of ROOT_KINDS) {
  pending.push(root.typeName);
  modelOf.set(root.typeName, root.modelClass);
}
while (pending.length > 0) {
  const name = pending.shift() ?? '';
  if (!types[name]) visit(name, modelOf.get(name) ?? '');
}

types[SPECIAL_TYPES.time] = {
  leaf: 'time',
  description:
    'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
};
types[SPECIAL_TYPES.microTime] = { leaf: 'microTime', description: 'MicroTime is version of Time with microsecond level precision.' };
types[SPECIAL_TYPES.intOrString] = {
  leaf: 'intOrString',
  description: docsOf('V1RollingUpdateDaemonSet').fields.get('maxSurge'),
};
types[SPECIAL_TYPES.quantity] = {
  leaf: 'quantity',
  description:
    'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.',
};
types[SPECIAL_TYPES.rawExtension] = {
  leaf: 'object',
  description: 'RawExtension is used to hold extensions in external versions.',
};
types[SPECIAL_TYPES.fieldsV1] = {
  leaf: 'object',
  description:
    "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.\n\nEach key is either a '.' representing the field itself, and will always map to an empty set, or a string representing a sub-field or item. The string will follow one of these four formats: 'f:<name>', where <name> is the name of a field in a struct, or key in a map 'v:<value>', where <value> is the exact json formatted value of a list item 'i:<index>', where <index> is position of a item in a list 'k:<keys>', where <keys> is a map of  a list item's key fields to their unique values If a key maps to an empty Fields value, the field that key represents is part of the set.\n\nThe exact format is defined in sigs.k8s.io/structured-merge-diff",
};

const sorted: Record<string, TypeDef> = {};
for (const key of Object.keys(types).sort()) sorted[key] = types[key] as TypeDef;
const doc: GeneratedSchema = { source: `@kubernetes/client-node@${version}`, types: sorted };
writeFileSync(outFile, `${JSON.stringify(doc, null, 1)}\n`);
console.error(`wrote ${Object.keys(sorted).length} types to ${outFile}`);
