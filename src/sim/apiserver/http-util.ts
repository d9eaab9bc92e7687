/**
 * Small HTTP helpers for the API server: JSON responses, `metav1.Status` failures shaped like
 * the apiserver's, and bounded request bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from '../../cluster/types.js';
import { StoreError, type StatusDetails } from '../errors.js';
import { goJsonStringify } from '../json.js';

/** The apiserver's request body limit (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** A failure to answer with a Status (code, reason, message). */
export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }
}

/** Writes a JSON body. */
export function sendJson(res: ServerResponse, code: number, body: Json | object, contentType = 'application/json', headers: Record<string, string> = {}): void {
  const text = goJsonStringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

/** The `metav1.Status` for a failure. */
export function statusBody(code: number, reason: string, message: string, details?: StatusDetails): Json {
  const body: { [key: string]: Json } = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message };
  if (reason) body['reason'] = reason;
  if (details && Object.keys(details).length) body['details'] = JSON.parse(JSON.stringify(details)) as Json;
  body['code'] = code;
  return body;
}

/** Turns any thrown value into (code, Status body); unknown errors become 500 without internals. */
export function toStatus(err: unknown): { code: number; body: Json } {
  if (err instanceof StoreError) return { code: err.code, body: statusBody(err.code, err.reason, err.message, err.details) };
  if (err instanceof HttpError) return { code: err.code, body: statusBody(err.code, err.reason, err.message, err.details) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 500, body: statusBody(500, 'InternalError', `Internal error occurred: ${message}`) };
}

/** Sends a Status failure. */
export function sendError(res: ServerResponse, err: unknown): void {
  const { code, body } = toStatus(err);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, code, body);
}

/** Reads the whole body, refusing more than MAX_BODY_BYTES with 413. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new HttpError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

/** Parses a JSON body; malformed JSON is a 400 with the decoder's complaint. */
export function parseJsonBody(buf: Buffer): Json {
  const text = buf.toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'BadRequest', 'the request body is empty');
  checkDepth(text);
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HttpError(400, 'BadRequest', `the object provided is unrecognized (must be of type JSON): ${why}`);
  }
}

/** How deep a JSON body may nest (the apiserver's decoder stops at 10,000 levels). */
export const MAX_JSON_DEPTH = 10_000;

/** Throws 400 when a JSON text nests deeper than MAX_JSON_DEPTH (checked before parsing). */
export function checkDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) throw new HttpError(400, 'BadRequest', `the object provided is unrecognized (must be of type JSON): exceeded max depth of ${MAX_JSON_DEPTH}`);
    } else if (c === 125 || c === 93) depth--;
  }
}
