/**
 * What the event correlator remembers about one involved object (see event-correlator.ts):
 * by message, the event written for it; the log of its first nine occurrences; from the tenth
 * on, its runs of similar events and each source's token bucket. Changed in place; a recorder
 * that shares it with a checkpoint copies it first (`copyMemory`).
 */

/** An event whose count is kept here (the stored one lags, or several share a message). */
export interface Observation {
  readonly source: string;
  readonly fieldPath: string;
  readonly type: string;
  readonly reason: string;
  readonly name: string;
  /** Occurrences, filtered ones included. */
  count: number;
  readonly first: string;
}

/** A run of similar events: its distinct messages (at most 9) and when it last grew. */
export interface Run {
  messages: string[];
  last: number;
  /** The combined event, once the run reached the limit; kept when the run starts over. */
  combined: Observation | undefined;
}

/** A source's token bucket for one object. */
export interface Bucket {
  tokens: number;
  at: number;
}

/** What is known of a message: the event's name, or its observation(s). */
export type Seen = string | Observation | Observation[];

/** Messages kept in a list before a Map pays (a scan beats hashing a fresh string for a few). */
const FEW_MESSAGES = 8;

/** What the correlator remembers about one involved object (see the module comment). */
export class ObjectMemory {
  /** While few: message, seen, message, seen, … */
  private few: (string | Seen)[] = [];
  private many: Map<string, Seen> | undefined;
  /** The first occurrences (name, ms after logStart, …); undefined from the tenth on. */
  log: (string | number)[] | undefined = [];
  logStart = 0;
  /** From the tenth occurrence on: runs by source, type and reason; buckets by source. */
  runs: Map<string, Run> | undefined;
  buckets: Map<string, Bucket> | undefined;

  seen(message: string): Seen | undefined {
    if (this.many) return this.many.get(message);
    const few = this.few;
    for (let i = 0; i < few.length; i += 2) if (few[i] === message) return few[i + 1] as Seen;
    return undefined;
  }

  remember(message: string, value: Seen): void {
    if (this.many) {
      this.many.set(message, value);
      return;
    }
    const few = this.few;
    for (let i = 0; i < few.length; i += 2) {
      if (few[i] === message) {
        few[i + 1] = value;
        return;
      }
    }
    if (few.length < 2 * FEW_MESSAGES) {
      few.push(message, value);
      return;
    }
    this.many = new Map();
    for (let i = 0; i < few.length; i += 2) this.many.set(few[i] as string, few[i + 1] as Seen);
    this.many.set(message, value);
    this.few = [];
  }

  /** A deep copy, owned by the caller (names are strings, shared). */
  copy(): ObjectMemory {
    const out = new ObjectMemory();
    const copies = new Map<Observation, Observation>();
    const own = (o: Observation): Observation => copies.get(o) ?? copies.set(o, { ...o }).get(o) ?? o;
    const ownSeen = (v: Seen): Seen => (typeof v === 'string' ? v : Array.isArray(v) ? v.map(own) : own(v));
    out.few = this.few.map((v, i) => (i % 2 === 0 ? v : ownSeen(v as Seen)));
    if (this.many) out.many = new Map([...this.many].map(([k, v]) => [k, ownSeen(v)]));
    out.log = this.log?.slice();
    out.logStart = this.logStart;
    if (this.runs) out.runs = new Map([...this.runs].map(([k, r]) => [k, { messages: [...r.messages], last: r.last, combined: r.combined && own(r.combined) }]));
    if (this.buckets) out.buckets = new Map([...this.buckets].map(([k, b]) => [k, { ...b }]));
    return out;
  }
}

/** A copy the caller owns (for CowMap.mutable). */
export function copyMemory(memory: ObjectMemory): ObjectMemory {
  return memory.copy();
}

