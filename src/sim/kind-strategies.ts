/**
 * The apiserver's write pipeline per kind, plugged into the store: defaulting and admission,
 * the registry strategy (DaemonSet generations), then validation. A write that does not
 * validate is refused as a 422 Invalid Status, and nothing is stored.
 */
import type { DaemonSet, Kind, KubeObject, Namespace, NewObject, Node, Pod } from '../cluster/types.js';
import { StoreError } from './errors.js';
import { randomSuffix, type Random } from './random.js';
import { resourceInfo } from './resources.js';
import type { KindStrategy } from './store.js';
import { applyPodDefaults, defaultDaemonSet, defaultNamespace, defaultNode, prepareDaemonSetForCreate, prepareDaemonSetForUpdate } from './strategy/defaults.js';
import {
  invalidMessage,
  statusCauses,
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateNamespace,
  validateNode,
  validateNodeUpdate,
  validatePod,
  type FieldError,
} from './strategy/validation.js';

function refuse(obj: KubeObject, errors: readonly FieldError[]): never {
  const info = resourceInfo(obj.kind);
  const qualified = info.group ? `${obj.kind}.${info.group}` : obj.kind;
  throw new StoreError('Invalid', invalidMessage(qualified, obj.metadata.name, errors), {
    name: obj.metadata.name,
    group: info.group || undefined,
    kind: obj.kind,
    causes: statusCauses(errors),
  });
}

function check(obj: KubeObject, errors: readonly FieldError[]): KubeObject {
  if (errors.length) refuse(obj, errors);
  return obj;
}

/** The strategies for every kind the store keeps; `random` names the service-account volume. */
export function kindStrategies(random: Random): Partial<Record<Kind, KindStrategy>> {
  return {
    DaemonSet: {
      prepareForCreate: (obj) => {
        const ds = prepareDaemonSetForCreate(defaultDaemonSet(obj as DaemonSet)) as DaemonSet;
        return check(ds, validateDaemonSet(ds));
      },
      prepareForUpdate: (obj, old) => {
        const ds = prepareDaemonSetForUpdate(old as DaemonSet, defaultDaemonSet(obj as DaemonSet)) as DaemonSet;
        return check(ds, validateDaemonSetUpdate(ds, old as DaemonSet));
      },
    },
    Pod: {
      prepareForCreate: (obj) => {
        const pod = applyPodDefaults(obj as NewObject<Pod>, { apiAccessVolumeSuffix: randomSuffix(random) }) as Pod;
        // The apiserver starts every pod Pending (a scenario's bare pod arrives without a status).
        pod.status ??= { phase: 'Pending' };
        return check(pod, validatePod(pod));
      },
      prepareForUpdate: (obj) => check(obj, validatePod(obj as Pod)),
    },
    Node: {
      prepareForCreate: (obj) => {
        const node = defaultNode(obj as NewObject<Node>) as Node;
        return check(node, validateNode(node));
      },
      prepareForUpdate: (obj, old) => check(obj, validateNodeUpdate(obj as Node, old as Node)),
    },
    Namespace: {
      prepareForCreate: (obj) => {
        const ns = defaultNamespace(obj as NewObject<Namespace>) as Namespace;
        return check(ns, validateNamespace(ns));
      },
    },
  };
}
