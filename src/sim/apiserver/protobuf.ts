/**
 * The little protobuf kubectl's typed clients send: `kubectl create namespace` posts a
 * Namespace as `application/vnd.kubernetes.protobuf` (the `k8s\0` envelope around
 * runtime.Unknown). We decode just enough — TypeMeta, ObjectMeta's name, generateName,
 * labels, annotations and finalizers, and NamespaceSpec — to turn it into JSON.
 */
import type { Json } from '../../cluster/types.js';
import { HttpError } from './http-util.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Field {
  no: number;
  wire: number;
  bytes?: Buffer;
  varint?: number;
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (i >= buf.length) throw new Error('truncated varint');
      const b = buf[i++] as number;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new Error('varint too long');
    }
  };
  while (i < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, varint: varint() });
    else if (wire === 2) {
      const n = varint();
      if (i + n > buf.length) throw new Error('truncated field');
      out.push({ no, wire, bytes: buf.subarray(i, i + n) });
      i += n;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (f: Field | undefined) => f?.bytes?.toString('utf8');

function stringMap(entries: Field[]): Record<string, string> | undefined {
  if (entries.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const e of entries) {
    const kv = fields(e.bytes ?? Buffer.alloc(0));
    out[str(kv.find((f) => f.no === 1)) ?? ''] = str(kv.find((f) => f.no === 2)) ?? '';
  }
  return out;
}

function objectMeta(buf: Buffer): { [key: string]: Json } {
  const fs = fields(buf);
  const meta: { [key: string]: Json } = {};
  const name = str(fs.find((f) => f.no === 1));
  const generateName = str(fs.find((f) => f.no === 2));
  const namespace = str(fs.find((f) => f.no === 3));
  if (name) meta['name'] = name;
  if (generateName) meta['generateName'] = generateName;
  if (namespace) meta['namespace'] = namespace;
  const labels = stringMap(fs.filter((f) => f.no === 11));
  const annotations = stringMap(fs.filter((f) => f.no === 12));
  if (labels) meta['labels'] = labels;
  if (annotations) meta['annotations'] = annotations;
  const finalizers = fs.filter((f) => f.no === 14).map((f) => str(f) ?? '');
  if (finalizers.length) meta['finalizers'] = finalizers;
  return meta;
}

/** Decodes a protobuf-encoded object body into JSON (Namespace only; others are 415). */
export function decodeProtobuf(body: Buffer): Json {
  try {
    if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new Error('missing the k8s protobuf envelope');
    const unknown = fields(body.subarray(4));
    const typeMeta = fields(unknown.find((f) => f.no === 1)?.bytes ?? Buffer.alloc(0));
    const apiVersion = str(typeMeta.find((f) => f.no === 1)) ?? '';
    const kind = str(typeMeta.find((f) => f.no === 2)) ?? '';
    const raw = unknown.find((f) => f.no === 2)?.bytes ?? Buffer.alloc(0);
    if (kind !== 'Namespace') {
      throw new HttpError(415, 'UnsupportedMediaType', `the simulator reads protobuf bodies only for Namespaces (got ${kind || 'an unknown kind'}); send JSON instead`);
    }
    const obj = fields(raw);
    const spec = fields(obj.find((f) => f.no === 2)?.bytes ?? Buffer.alloc(0));
    const finalizers = spec.filter((f) => f.no === 1).map((f) => str(f) ?? '');
    return {
      apiVersion,
      kind,
      metadata: objectMeta(obj.find((f) => f.no === 1)?.bytes ?? Buffer.alloc(0)),
      ...(finalizers.length ? { spec: { finalizers } } : {}),
    };
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, 'BadRequest', `the object provided is unrecognized (must be of type Namespace): ${err instanceof Error ? err.message : String(err)}`);
  }
}
