import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { kubectlAvailable, startE2E, type E2E } from './harness.js';

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logger
spec:
  selector:
    matchLabels: {app: logger}
  template:
    metadata:
      labels: {app: logger}
    spec:
      containers:
        - name: logger
          image: busybox:1.36
          env:
            - name: NODE_NAME
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
          command: ["sh", "-c", "while true; do echo tick; sleep 10; done"]
          volumeMounts:
            - {name: varlog, mountPath: /host/var/log, readOnly: true}
      volumes:
        - name: varlog
          hostPath: {path: /var/log}
`;

/** Frames received on an exec WebSocket, by channel. */
interface Frames {
  out: string;
  status: string;
  close: number;
}

describe.runIf(kubectlAvailable())('kubectl exec over WebSocket v5', () => {
  let e: E2E;
  let pod = '';
  beforeAll(async () => {
    e = await startE2E();
    await e.kubectl(['apply', '-f', e.file('logger.yaml', DS)]);
    expect(e.until(() => e.cluster.store.get('DaemonSet', 'default', 'logger')?.status?.numberReady === 3)).toBe(true);
    pod = e.cluster.store.list('Pod').find((p) => p.spec.nodeName === 'worker-2')?.metadata.name ?? '';
  });
  afterAll(async () => {
    await e.close();
  });

  it('runs env with the downward-API variables and the pod name as HOSTNAME', async () => {
    const r = await e.kubectl(['exec', pod, '--', 'env']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('NODE_NAME=worker-2');
    expect(r.stdout.split('\n')).toContain(`HOSTNAME=${pod}`);
    expect(r.stdout).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
  });

  it('answers hostname, cat, echo through sh -c, and ls of the filesystem with the hostPath mount', async () => {
    expect((await e.kubectl(['exec', pod, '--', 'hostname'])).stdout).toBe(`${pod}\n`);
    expect((await e.kubectl(['exec', pod, '--', 'cat', '/etc/hostname'])).stdout).toBe(`${pod}\n`);
    expect((await e.kubectl(['exec', pod, '--', 'sh', '-c', 'echo "on $NODE_NAME"'])).stdout).toBe('on worker-2\n');
    const root = await e.kubectl(['exec', pod, '--', 'ls', '/']);
    expect(root.stdout.split('\n')).toEqual(expect.arrayContaining(['bin', 'etc', 'host', 'proc', 'var']));
    expect((await e.kubectl(['exec', pod, '--', 'ls', '/host/var/log'])).stdout.split('\n')).toEqual(expect.arrayContaining(['containers', 'pods']));
    const missing = await e.kubectl(['exec', pod, '--', 'sh', '-c', 'ls /nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ls: /nope: No such file or directory');
  });

  it('passes the exit code through as kubectl does', async () => {
    const r = await e.kubectl(['exec', pod, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toContain('err\n');
    expect(r.stderr).toContain('command terminated with exit code 3');
  });

  it('refuses unknown containers, pods and commands with the real messages', async () => {
    const c = await e.kubectl(['exec', pod, '-c', 'nope', '--', 'true']);
    expect(c.code).toBe(1);
    expect(c.stderr.trim()).toBe(`Error from server (BadRequest): container nope is not valid for pod ${pod}`);
    const p = await e.kubectl(['exec', 'ghost', '--', 'true']);
    expect(p.stderr.trim()).toBe('Error from server (NotFound): pods "ghost" not found');
    const x = await e.kubectl(['exec', pod, '--', 'frobnicate']);
    expect(x.code).not.toBe(0);
    expect(x.stderr).toContain('exec: "frobnicate": executable file not found in $PATH');
  });

  it('refuses a container that is not running the way the kubelet does', async () => {
    await e.kubectl(['set', 'image', 'ds/logger', 'logger=example.com/ghost/logger:1']);
    expect(e.until(() => e.cluster.store.list('Pod').some((p) => p.status.containerStatuses?.[0]?.state.waiting?.reason === 'ErrImagePull'))).toBe(true);
    const waiting = e.cluster.store.list('Pod').find((p) => p.status.containerStatuses?.[0]?.state.waiting)?.metadata.name ?? '';
    const r = await e.kubectl(['exec', waiting, '--', 'true']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: unable to upgrade connection: container not found ("logger")');
    await e.kubectl(['rollout', 'undo', 'ds/logger']);
    expect(e.until(() => e.cluster.store.get('DaemonSet', 'default', 'logger')?.status?.numberAvailable === 3)).toBe(true);
  });

  it('runs an interactive tty session line by line until exit', async () => {
    const target = e.cluster.store.list('Pod').find((p) => p.spec.nodeName === 'worker-1')?.metadata.name ?? '';
    const token = /token: (\S+)/.exec(await import('node:fs').then((fs) => fs.readFileSync(`${e.dir}/kubeconfig`, 'utf8')))?.[1] ?? '';
    const ws = new WebSocket(`${e.server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/${target}/exec?command=sh&container=logger&stdin=true&stdout=true&tty=true`, ['v5.channel.k8s.io'], {
      ca: e.tls.certPem, headers: { Authorization: `Bearer ${token}` },
    });
    const frames: Frames = { out: '', status: '', close: 0 };
    const done = new Promise<void>((resolve) => ws.on('close', (code) => { frames.close = code; resolve(); }));
    ws.on('message', (data: Buffer) => {
      if (data[0] === 1) frames.out += data.subarray(1).toString();
      if (data[0] === 3) frames.status += data.subarray(1).toString();
    });
    await new Promise<void>((resolve) => ws.on('open', () => resolve()));
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    ws.send(Buffer.from('\x00echo $NODE_NAME\r'));
    ws.send(Buffer.from('\x00hostnamx\x7fe\r'));
    ws.send(Buffer.from('\x00exit 4\r'));
    await done;
    expect(frames.out).toContain('/ # echo $NODE_NAME\r\nworker-1\r\n/ # ');
    expect(frames.out).toContain(`\r\n${target}\r\n`);
    expect(JSON.parse(frames.status)).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } });
    expect(frames.close).toBe(1000);
  });
});
