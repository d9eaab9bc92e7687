import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/sim/scenario/index.js';
import { bootstrapCluster } from '../../../src/sim/bootstrap.js';
import { ManualClock } from '../../../src/sim/clock.js';

describe('a scenario with a bare pod (no status, as a manifest is written)', () => {
  it('starts it Pending like the apiserver would, and the kubelet runs it', () => {
    const scenario = parseScenario(
      [
        'version: 1',
        'description: a pod of its own',
        'nodes:',
        '  - name: control-plane',
        '    role: control-plane',
        '  - name: worker-1',
        'objects:',
        '  - apiVersion: v1',
        '    kind: Pod',
        '    metadata: { name: bare }',
        '    spec:',
        '      nodeName: worker-1',
        '      containers: [{ name: c, image: "busybox:1.36", command: ["sh", "-c", "sleep 3600"] }]',
      ].join('\n'),
      'bare.yaml',
    );
    const cluster = bootstrapCluster({ scenario, clock: new ManualClock(Date.UTC(2026, 0, 1)) });
    expect(cluster.store.get('Pod', 'default', 'bare')?.status.phase).toBe('Pending');
    cluster.advance(30_000);
    expect(cluster.store.get('Pod', 'default', 'bare')?.status.phase).toBe('Running');
  });

});
