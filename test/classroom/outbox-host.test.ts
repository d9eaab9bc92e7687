import { describe, expect, it } from 'vitest';
import { afterThisTest, tempDir } from './fixtures/scratch.js';
import { startHost, type Host } from '../../src/classroom/host.js';
import { Outbox, type OutboxPorts } from '../../src/classroom/outbox.js';
import { httpSender, randomId } from '../../src/classroom/outbox-http.js';
import { joinRoom, takeJoinArgs, type JoinTarget } from '../../src/classroom/outbox-join.js';
import { MAX_BATCH } from '../../src/classroom/protocol.js';
import { RoomStore } from '../../src/classroom/store.js';

// The learner's outbox against the real classroom host on loopback: the two halves agree on the wire.
const temp = tempDir;
const cleanup = { push: afterThisTest };

async function realHost(clock: { t: number }, rate = { rate: 10, burst: 20 }): Promise<{ host: Host; base: string }> {
  const base = temp('room-');
  const host = await startHost({ store: RoomStore.open(base), lessons: [{ id: 'l1', steps: ['s1'] }], now: () => clock.t, rateLimit: rate });
  cleanup.push(() => host.stop());
  return { host, base };
}

/** Real HTTP; the back-off advances the host's clock instead of sleeping. */
function ports(target: JoinTarget, clock: { t: number }, sleeps: number[], logs: string[]): OutboxPorts {
  return {
    send: httpSender(target.url, target.code),
    now: () => clock.t,
    random: () => 0,
    newId: randomId,
    sleep: (ms) => {
      sleeps.push(ms);
      clock.t += ms;
      return Promise.resolve();
    },
    log: (m) => logs.push(m),
  };
}

function target(argv: string[]): JoinTarget {
  const args = takeJoinArgs(argv);
  if (!('rest' in args) || !args.join) throw new Error(`bad join args ${JSON.stringify(args)}`);
  return args.join;
}

describe('outbox against the classroom host', () => {
  it('joins with the printed join URL and delivers every event once, in order, through rate limiting', async () => {
    const clock = { t: Date.UTC(2026, 10, 25, 10) };
    const { host, base } = await realHost(clock, { rate: 1, burst: 2 });
    const t = target(['--join', host.joinUrl, '--name', 'Ada']);
    const sleeps: number[] = [];
    const logs: string[] = [];
    const env = { XDG_CONFIG_HOME: temp('learner-') };
    const joined = await joinRoom(t, ports(t, clock, sleeps, logs), env);
    if (!('outbox' in joined)) throw new Error(joined.message);
    const box: Outbox = joined.outbox;
    const recorded = [box.record('lesson-opened', 'l1')];
    for (let i = 0; i < 2 * MAX_BATCH; i++) recorded.push(box.record('hint-used', 'l1', 's1'));
    expect(await box.flush()).toBe('empty');
    expect(sleeps.length).toBeGreaterThan(0); // the host's 429s were waited out, not dropped
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(1000); // its Retry-After: 1 was honoured
    expect(logs).toEqual([]);
    const stored = RoomStore.open(base, host.code).replay().events;
    expect(stored.map((e) => e.kind).slice(0, 2)).toEqual(['joined', 'lesson-opened']);
    expect(stored.slice(1).map((e) => e.id)).toEqual(recorded.map((e) => e.id));
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
  });

  it('a wrong code is refused by the real host', async () => {
    const clock = { t: Date.UTC(2026, 10, 25, 10) };
    const { host } = await realHost(clock);
    const t = target(['--join', host.joinUrl.replace(/#.*/, '#WRONGCODE'), '--name', 'Ada']);
    const r = await joinRoom(t, ports(t, clock, [], []), { XDG_CONFIG_HOME: temp('learner-') });
    expect(r).toEqual({ state: 'refused', message: `the join code was refused by ${t.url}: check the code your instructor gave` });
  });
});
