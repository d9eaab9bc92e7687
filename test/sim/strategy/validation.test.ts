import { describe, expect, it } from 'vitest';
import type { DaemonSet, NewObject, Node, Pod } from '../../../src/cluster/types.js';
import { defaultDaemonSet, defaultPod } from '../../../src/sim/strategy/defaults.js';
import {
  fieldErrorText,
  invalidMessage,
  statusCauses,
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateNamespace,
  validateNode,
  validatePod,
} from '../../../src/sim/strategy/validation.js';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

type Mutator = (ds: NewObject<DaemonSet>) => void;

function ds(mutate: Mutator = () => undefined): NewObject<DaemonSet> {
  const raw: NewObject<DaemonSet> = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'x', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } },
    },
  };
  mutate(raw);
  return defaultDaemonSet(raw);
}

const texts = (obj: NewObject<DaemonSet>): string[] => validateDaemonSet(obj).map(fieldErrorText);

describe('validateDaemonSet', () => {
  it('accepts a well-formed DaemonSet', () => {
    expect(texts(ds())).toEqual([]);
  });

  it.each<[string, Mutator, string[]]>([
    ['bad name', (d) => void (d.metadata.name = 'Bad_Name'), [`metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`]],
    ['missing name', (d) => void delete d.metadata.name, ['metadata.name: Required value: name or generateName is required']],
    [
      'selector does not match',
      (d) => void (d.spec.template.metadata = { labels: { app: 'y', tier: 'a' } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"y", "tier":"a"}: `selector` does not match template `labels`'],
    ],
    [
      'missing selector',
      (d) => void delete (d.spec as Partial<DaemonSet['spec']>).selector,
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'],
    ],
    [
      'empty selector',
      (d) => void (d.spec.selector = {}),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset'],
    ],
    [
      'bad label value in selector',
      (d) => void (d.spec.selector = { matchLabels: { app: 'a b' } }),
      [`spec.selector.matchLabels: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    ],
    ['restartPolicy OnFailure', (d) => void (d.spec.template.spec.restartPolicy = 'OnFailure'), ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
    ['no containers', (d) => void (d.spec.template.spec.containers = []), ['spec.template.spec.containers: Required value']],
    [
      'container name and image missing',
      (d) => void (d.spec.template.spec.containers = [{ name: '' }]),
      ['spec.template.spec.containers[0].name: Required value', 'spec.template.spec.containers[0].image: Required value'],
    ],
    [
      'container name invalid',
      (d) => void (d.spec.template.spec.containers = [{ name: 'Log_Agent', image: 'x:1' }]),
      [`spec.template.spec.containers[0].name: Invalid value: "Log_Agent": ${LABEL_MSG}`],
    ],
    [
      'duplicate container names',
      (d) => void (d.spec.template.spec.containers = [{ name: 'a', image: 'x:1' }, { name: 'a', image: 'y:1' }]),
      ['spec.template.spec.containers[1].name: Duplicate value: "a"'],
    ],
    [
      'env var name with =',
      (d) => void (d.spec.template.spec.containers[0]!.env = [{ name: 'A=B', value: '1' }]),
      ["spec.template.spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"],
    ],
    [
      'downward API typo',
      (d) => void (d.spec.template.spec.containers[0]!.env = [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodename' } } }]),
      ['spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nodename": error converting fieldPath: field label not supported: spec.nodename'],
    ],
    [
      'hostPort out of range',
      (d) => void (d.spec.template.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 70000 }]),
      ['spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'requests above limits',
      (d) => void (d.spec.template.spec.containers[0]!.resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }),
      ['spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'unparseable quantity',
      (d) => void (d.spec.template.spec.containers[0]!.resources = { limits: { memory: '1GB' } }),
      ["spec.template.spec.containers[0].resources.limits[memory]: Invalid value: \"1GB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ],
    [
      'toleration Exists with a value',
      (d) => void (d.spec.template.spec.tolerations = [{ key: 'gpu', operator: 'Exists', value: 'true', effect: 'NoSchedule' }]),
      ['spec.template.spec.tolerations[0].operator: Invalid value: "true": value must be empty when `operator` is \'Exists\''],
    ],
    [
      'toleration effect unsupported',
      (d) => void (d.spec.template.spec.tolerations = [{ key: 'gpu', operator: 'Exists', effect: 'NoScheduled' as 'NoSchedule' }]),
      ['spec.template.spec.tolerations[0].effect: Unsupported value: "NoScheduled": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    [
      'tolerationSeconds without NoExecute',
      (d) => void (d.spec.template.spec.tolerations = [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }]),
      ["spec.template.spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
    ],
    [
      'node affinity operator and values',
      (d) =>
        void (d.spec.template.spec.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In' }, { key: 'gpu', operator: 'Equals' as 'In', values: ['x'] }] }],
            },
          },
        }),
      [
        "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].operator: Invalid value: "Equals": not a valid selector operator',
      ],
    ],
    [
      'maxSurge with maxUnavailable',
      (d) => void (d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }),
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero'],
    ],
    [
      'both zero',
      (d) => void (d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }),
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'percent over 100',
      (d) => void (d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } }),
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    ],
    [
      'negative int',
      (d) => void (d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: -1, maxSurge: 0 } }),
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'bad percent string',
      (d) => void (d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 'ten' } }),
      [
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"ten\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
      ],
    ],
    [
      'unknown strategy type',
      (d) => void (d.spec.updateStrategy = { type: 'Recreate' as 'OnDelete' }),
      ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"'],
    ],
  ])('%s', (_name, mutate, expected) => {
    expect(texts(ds(mutate))).toEqual(expected);
  });

  it('nests template label errors under spec.template.labels, as Kubernetes does', () => {
    const errs = texts(ds((d) => void (d.spec.template.metadata = { labels: { app: 'x', 'bad key!': 'v' } })));
    expect(errs[0]).toMatch(/^spec\.template\.labels: Invalid value: "bad key!": name part must consist of/);
  });
});

describe('validateDaemonSetUpdate', () => {
  it('reports the immutable selector last', () => {
    const old = ds();
    const next = ds((d) => {
      d.spec.selector = { matchLabels: { app: 'other' } };
    });
    expect(validateDaemonSetUpdate(next, old).map(fieldErrorText)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('invalidMessage and causes', () => {
  it('uses the single form for one error and the list form for several', () => {
    const one = validateDaemonSet(ds((d) => void (d.spec.template.spec.restartPolicy = 'Never')));
    expect(invalidMessage('DaemonSet.apps', 'x', one)).toBe(
      'DaemonSet.apps "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
    const two = validateDaemonSet(ds((d) => void (d.spec.template.spec.containers = [{ name: '' }])));
    expect(invalidMessage('DaemonSet.apps', 'x', two)).toBe(
      'DaemonSet.apps "x" is invalid: [spec.template.spec.containers[0].name: Required value, spec.template.spec.containers[0].image: Required value]',
    );
    expect(statusCauses(two)[0]).toEqual({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[0].name' });
  });
});

describe('Pod, Node and Namespace validation', () => {
  it('validates pod specs under spec. and host-network ports strictly', () => {
    const pod: NewObject<Pod> = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
      status: { phase: 'Pending' },
    };
    expect(validatePod(defaultPod(pod)).map(fieldErrorText)).toEqual([
      'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
    ]);
  });

  it('rejects bad and duplicate node taints with the metadata.taints path', () => {
    const node: NewObject<Node> = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker-1' },
      spec: {
        taints: [
          { key: 'gpu', value: 'true', effect: 'NoSchedule' },
          { key: 'gpu', value: 'false', effect: 'NoSchedule' },
          { key: 'x', effect: 'Sometimes' as 'NoSchedule' },
        ],
      },
      status: {},
    };
    expect(validateNode(node).map(fieldErrorText)).toEqual([
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"gpu", Value:"false", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
      'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it.each([
    ['logging', []],
    ['my.namespace', ['metadata.name: Invalid value: "my.namespace": must not contain dots']],
    ['Logging', [`metadata.name: Invalid value: "Logging": ${LABEL_MSG}`]],
  ])('namespace name %s', (name, expected) => {
    expect(validateNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }).map(fieldErrorText)).toEqual(expected);
  });
});
