/** The simulator satisfies the same ClusterBackend contract: the backend-neutral runner plays every lesson on it too. */
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/lessons/audit.js';
import { playLesson } from '../../src/lessons/backend-runner.js';
import { BUILTIN_COURSE_DIR, loadIndex, loadLesson } from '../../src/lessons/loader.js';
import { LESSON_EPOCH } from '../../src/lessons/sim-runner.js';
import { SimBackend } from '../../src/lessons/sim-backend.js';
import { bootstrapCluster } from '../../src/sim/bootstrap.js';
import { ManualClock } from '../../src/sim/clock.js';

describe('SimBackend with the backend-neutral runner', () => {
  it.each(loadIndex(BUILTIN_COURSE_DIR))('%s: the solution passes every step', async (id) => {
    const lesson = loadLesson(BUILTIN_COURSE_DIR, id);
    const cluster = bootstrapCluster({ scenario: { ...lesson.scenario, objects: [] }, clock: new ManualClock(LESSON_EPOCH) });
    const backend = new SimBackend(cluster);
    const audit = new AuditLog();
    const played = await playLesson(backend, lesson, { audit, waitUntil: async (pred) => cluster.runUntil(pred, 10 * 60_000), think: () => cluster.advance(5000) });
    expect(played.filter((p) => p.status !== 'pass')).toEqual([]);
    expect(audit.entries().length).toBeGreaterThan(0);
  });
});
