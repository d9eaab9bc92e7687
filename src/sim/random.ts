/**
 * Deterministic randomness for the simulator: uids, generated name suffixes and hashes come
 * from a seeded generator so golden tests and benchmarks are reproducible.
 */

/** The alphabet Kubernetes uses for generated names and hashes (no vowels, no confusables). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A seeded pseudo-random source. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

/** A seeded source whose position can be saved and put back, so a checkpoint replays the same names. */
export interface SeededRandom extends Random {
  /** The generator's whole state. */
  state(): number;
  /** Continues from a state `state()` returned. */
  setState(state: number): void;
}

/** mulberry32: tiny, fast and good enough for names and uids. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  return {
    state: () => state,
    setState(s: number): void {
      state = s >>> 0;
    },
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** `n` characters from SAFE_ALPHABET, as in `generateName` suffixes. */
export function randomSuffix(rng: Random, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SAFE_ALPHABET[Math.floor(rng.next() * SAFE_ALPHABET.length)];
  return s;
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
/** Scratch char codes: strings are made in one String.fromCharCode call (flat, no joins). */
const codes: number[] = [];

/** 32 random bits from the source. */
function draw(rng: Random): number {
  return Math.floor(rng.next() * 0x1_0000_0000) >>> 0;
}

/** Appends `n` hex digits of `v`, lowest nibble first, to `codes` from position `at`. */
function putHex(v: number, n: number, at: number): number {
  for (let j = 0; j < n; j++) {
    codes[at++] = HEX_CODES[v & 15] as number;
    v >>>= 4;
  }
  return at;
}

/** `n` random hex digits as one flat string (no rope of concatenations kept alive). */
export function randomHex(rng: Random, n: number): string {
  codes.length = n;
  for (let i = 0; i < n; i += 8) putHex(draw(rng), Math.min(8, n - i), i);
  return String.fromCharCode.apply(null, codes);
}

/** A version-4 UUID string from the seeded source (the 32 hex digits of randomHex, laid out as a UUID). */
export function randomUid(rng: Random): string {
  const a = draw(rng);
  const b = draw(rng);
  const c = draw(rng);
  const d = draw(rng);
  codes.length = 36;
  let k = putHex(a, 8, 0);
  codes[k++] = DASH;
  k = putHex(b, 4, k);
  codes[k++] = DASH;
  codes[k++] = FOUR;
  k = putHex(b >>> 20, 3, k);
  codes[k++] = DASH;
  codes[k++] = VARIANT[c & 3] as number;
  k = putHex(c >>> 4, 3, k);
  codes[k++] = DASH;
  k = putHex(c >>> 16, 4, k);
  putHex(d, 8, k);
  return String.fromCharCode.apply(null, codes);
}

const DASH = 45;
const FOUR = 52;
const VARIANT = [...'89ab'].map((c) => c.charCodeAt(0));

/** FNV-1a 32-bit over a string's UTF-16 code units folded to bytes (deterministic, fast). */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 0x7f) {
      h ^= c >> 8;
      h = Math.imul(h, 0x01000193) >>> 0;
      c &= 0xff;
    }
    h ^= c;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Kubernetes' `rand.SafeEncodeString(fmt.Sprint(hash))`: each decimal digit's byte value
 * indexes SAFE_ALPHABET, so digits map to 4 5 6 7 8 9 b c d f.
 */
export function safeEncodeHash(hash: number): string {
  let out = '';
  for (const ch of String(hash)) out += SAFE_ALPHABET[ch.charCodeAt(0) % SAFE_ALPHABET.length];
  return out;
}
