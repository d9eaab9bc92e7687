/**
 * Descriptions of fields whose type is another object. client-node's generated models drop these
 * (the OpenAPI spec keeps them beside an `allOf` `$ref`), yet `kubectl explain` prints them, so the
 * ones a DaemonSet learner is likely to explain are kept here, worded as in the Kubernetes API.
 * Fields not listed fall back to the referenced type's own description.
 */

const METADATA =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const SPEC_STATUS = 'More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status';
const POD_SPEC = `Specification of the desired behavior of the pod. ${SPEC_STATUS}`;

/** `<ShortTypeName>.<field>` → description of that object-typed field. */
export const FIELD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'DaemonSet.metadata': METADATA,
  'DaemonSet.spec': `The desired behavior of this daemon set. ${SPEC_STATUS}`,
  'DaemonSet.status': `The current status of this daemon set. This data may be out of date by some window of time. Populated by the system. Read-only. ${SPEC_STATUS}`,
  'DaemonSetSpec.selector':
    "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
  'DaemonSetSpec.template':
    "An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template's node selector (or on every node if no node selector is specified). The only allowed template.spec.restartPolicy value is \"Always\". More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template",
  'DaemonSetSpec.updateStrategy': 'An update strategy to replace existing DaemonSet pods with new pods.',
  'DaemonSetUpdateStrategy.rollingUpdate': 'Rolling update config params. Present only if type = "RollingUpdate".',
  'RollingUpdateDaemonSet.maxUnavailable':
    'The maximum number of DaemonSet pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of total number of DaemonSet pods at the start of the update (ex: 10%). Absolute number is calculated from percentage by rounding up. This cannot be 0 if MaxSurge is 0 Default value is 1. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their pods stopped for an update at any given time. The update starts by stopping at most 30% of those DaemonSet pods and then brings up new DaemonSet pods in their place. Once the new pods are available, it then proceeds onto other DaemonSet pods, thus ensuring that at least 70% of original number of DaemonSet pods are available at all times during the update.',
  'RollingUpdateDaemonSet.maxSurge':
    'The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during during an update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up to a minimum of 1. Default value is 0. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their a new pod created before the old pod is marked as deleted. The update starts by launching new pods on 30% of nodes. Once an updated pod is available (Ready for at least minReadySeconds) the old DaemonSet pod on that node is marked deleted. If the old pod becomes unavailable for any reason (Ready transitions to false, is evicted, or is drained) an updated pod is immediatedly created on that node without considering surge limits. Allowing surge implies the possibility that the resources consumed by the daemonset on any given node can double if the readiness check fails, and so resource intensive daemonsets should take into account that they may cause evictions during disruption.',
  'ControllerRevision.metadata': METADATA,
  'Pod.metadata': METADATA,
  'Pod.spec': POD_SPEC,
  'Pod.status': `Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. ${SPEC_STATUS}`,
  'PodTemplateSpec.metadata': METADATA,
  'PodTemplateSpec.spec': POD_SPEC,
  'Node.metadata': METADATA,
  'Node.spec': 'Spec defines the behavior of a node. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
  'Node.status': `Most recently observed status of the node. Populated by the system. Read-only. ${SPEC_STATUS}`,
  'Namespace.metadata': METADATA,
  'Namespace.spec': `Spec defines the behavior of the Namespace. ${SPEC_STATUS}`,
  'Namespace.status': `Status describes the current status of a Namespace. ${SPEC_STATUS}`,
  'Event.metadata': METADATA,
  'Event.involvedObject': 'The object that this event is about.',
  'Event.source': 'The component reporting this event. Should be a short machine understandable string.',
  'Event.series': 'Data about the Event series this event represents or nil if it is a singleton Event.',
  'Event.related': 'Optional secondary object for more complex actions.',
  'Lease.metadata': METADATA,
  'Lease.spec': `spec contains the specification of the Lease. ${SPEC_STATUS}`,
  'Eviction.metadata': 'ObjectMeta describes the pod that is being evicted.',
  'Eviction.deleteOptions': 'DeleteOptions may be provided',
  'PodSpec.affinity': "If specified, the pod's scheduling constraints",
  'PodSpec.securityContext':
    'SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field.',
  'PodSpec.dnsConfig':
    'Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.',
  'Affinity.nodeAffinity': 'Describes node affinity scheduling rules for the pod.',
  'Affinity.podAffinity':
    'Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).',
  'Affinity.podAntiAffinity':
    'Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).',
  'NodeAffinity.requiredDuringSchedulingIgnoredDuringExecution':
    'If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to an update), the system may or may not try to eventually evict the pod from its node.',
  'PreferredSchedulingTerm.preference': 'A node selector term, associated with the corresponding weight.',
  'Container.resources':
    'Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  'Container.livenessProbe':
    'Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
  'Container.readinessProbe':
    'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
  'Container.startupProbe':
    "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
  'Container.lifecycle': 'Actions that the management system should take in response to container lifecycle events. Cannot be updated.',
  'Container.securityContext':
    'SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  'EnvVar.valueFrom': "Source for the environment variable's value. Cannot be used if value is not empty.",
  'EnvVarSource.fieldRef':
    "Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.",
  'Volume.hostPath':
    'hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. This is generally used for system agents or other privileged things that are allowed to see the host machine. Most containers will NOT need this. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath',
  'Volume.emptyDir': "emptyDir represents a temporary directory that shares a pod's lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir",
  'Volume.configMap': 'configMap represents a configMap that should populate this volume',
  'Volume.secret': 'secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret',
  'NodeSpec.configSource': 'Deprecated: Previously used to specify the source of the node\'s configuration for the DynamicKubeletConfig feature. This feature is removed.',
  'NodeStatus.nodeInfo': 'Set of ids/uuids to uniquely identify the node. More info: https://kubernetes.io/docs/concepts/nodes/node/#info',
};
