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

const HEX = '0123456789abcdef';

/** `n` random hex digits as one flat string (no rope of concatenations kept alive). */
export function randomHex(rng: Random, n: number): string {
  const chars = new Array<string>(n);
  for (let i = 0; i < n; i += 8) {
    let v = Math.floor(rng.next() * 0x1_0000_0000) >>> 0;
    for (let j = i; j < Math.min(n, i + 8); j++) {
      chars[j] = HEX[v & 15] as string;
      v >>>= 4;
    }
  }
  return chars.join('');
}

/** A version-4 UUID string from the seeded source. */
export function randomUid(rng: Random): string {
  const h = randomHex(rng, 32);
  const variant = '89ab'[parseInt(h.charAt(16), 16) & 3] ?? '8';
  return [h.slice(0, 8), '-', h.slice(8, 12), '-4', h.slice(13, 16), '-', variant, h.slice(17, 20), '-', h.slice(20, 32)].join('');
}

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
