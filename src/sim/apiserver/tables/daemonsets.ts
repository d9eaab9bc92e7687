/**
 * The DaemonSet printer (printers.go printDaemonSet): the five status counters a learner
 * watches converge during a rollout, the template's node selector, and in `-o wide` the
 * containers, images and the selector that ties pods to the DaemonSet.
 */
import type { DaemonSet } from '../../../cluster/types.js';
import { formatLabels, labelSelectorToString } from '../../../cluster/labels.js';
import { age } from './duration.js';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, column, containerCells, type Printer } from './columns.js';

const DAEMONSET_DOCS = 'More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/';

const COLUMNS = [
  NAME_COLUMN,
  column('Desired', 'integer', `The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). ${DAEMONSET_DOCS}`),
  column('Current', 'integer', `The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. ${DAEMONSET_DOCS}`),
  column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
  column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
  column(
    'Available',
    'integer',
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
  ),
  column(
    'Node Selector',
    'string',
    "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
  ),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  // printers.go quotes the extensions/v1beta1 DaemonSetSpec doc here, not the apps/v1 one.
  column(
    'Selector',
    'string',
    'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
    1,
  ),
] as const;

/** NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: Printer<DaemonSet> = {
  columns: COLUMNS,
  cells: (ds, nowMs) => {
    const status = ds.status;
    const [names, images] = containerCells(ds.spec.template.spec.containers);
    return [
      ds.metadata.name,
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec.template.spec.nodeSelector),
      age(ds.metadata.creationTimestamp, nowMs),
      names,
      images,
      labelSelectorToString(ds.spec.selector),
    ];
  },
};
