import { describe, expect, it } from 'vitest';
import { BroadcastBoard } from '../../src/app/classroom-broadcasts.js';
import { ClassroomLink } from '../../src/app/classroom-link.js';

describe('the classroom link', () => {
  it("has no room and no message until one connects; then it forwards the room's messages", () => {
    const link = new ClassroomLink();
    let changes = 0;
    link.subscribe(() => changes++);
    expect([link.code, link.get()]).toEqual([undefined, undefined]);
    const board = new BroadcastBoard(() => () => undefined);
    let closed = 0;
    link.connect({ code: 'K7Q2XM', feed: board, close: () => closed++ });
    expect(link.code).toBe('K7Q2XM');
    board.show('Break until 10:30');
    expect(link.get()).toBe('Break until 10:30');
    expect(changes).toBe(2);
    link.close();
    expect(closed).toBe(1);
    board.show('after quitting');
    expect(changes).toBe(2);
  });

  it('a join that finishes after the tutorial quit is closed at once (its outbox lock released)', () => {
    const link = new ClassroomLink();
    link.close();
    let closed = 0;
    link.connect({ code: 'K7Q2XM', close: () => closed++ });
    expect(closed).toBe(1);
    expect(link.code).toBeUndefined();
  });
});
