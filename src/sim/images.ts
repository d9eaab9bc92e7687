/**
 * The simulated registry: which images exist, how big they are, how long a pull takes and what
 * kubelet/containerd print when a pull fails. Pure: time is the caller's, results are
 * deterministic from the image name so every run of a lesson looks the same.
 */
import { createHash } from 'node:crypto';
import { rememberByString } from '../memo.js';
import { CATALOG, type ImageBehaviour } from './images-catalog.js';
import { parseImageRef, type ImageRef, type ImageRefError } from './images-ref.js';

export { parseImageRef, type ImageRef, type ImageRefError } from './images-ref.js';
export { CATALOG, versionOf, type CatalogEntry, type ImageBehaviour, type Userland } from './images-catalog.js';

/** How a pull of an overridden image ends; scenarios use it to break an image on purpose. */
export type PullOutcome = 'ok' | 'not-found' | 'denied';

/** A scenario's edit to the catalog (plain data; the scenario schema validates against it). */
export interface ImageOverride {
  /** One image reference, e.g. `nginx:1.99`; compared after normalisation. */
  image?: string;
  /** A whole repository declared to exist (any tag), e.g. `example.com/acme/agent`. */
  repository?: string;
  /** Outcome of pulling it; default `ok`. */
  pull?: PullOutcome;
  /** Image size in bytes, instead of the catalog's. */
  size?: number;
  /** What the container does when it has no command, instead of the catalog's. */
  behaviour?: ImageBehaviour;
}

/** A pull that worked: what kubelet needs for the `Pulled` event and containerStatuses. */
export interface PullSuccess {
  ok: true;
  ref: ImageRef;
  size: number;
  imageID: string;
  pullMs: number;
  behaviour: ImageBehaviour;
}

/** A pull that failed: `reason` is the container's waiting reason, `message` the CRI error text. */
export interface PullFailure {
  ok: false;
  reason: 'ErrImagePull' | 'InvalidImageName';
  message: string;
}

/** Registries that answer; an unknown repository there is "not found"/"denied", elsewhere DNS fails. */
const KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'ghcr.io', 'quay.io',
  'cr.fluentbit.io', 'docker.elastic.co', 'public.ecr.aws', 'mcr.microsoft.com', 'registry.gitlab.com']);

/** A behaviour for private images declared without one: a silent process that runs forever. */
const SILENT_DAEMON: ImageBehaviour = { entrypoint: ['/entrypoint'], userland: 'none', programs: { entrypoint: 'sleep infinity' } };

/** sha256 hex of a text, remembered: every pod of a DaemonSet pulls the same few images. */
const hashHex = rememberByString((text) => createHash('sha256').update(text).digest('hex'));

function hashFraction(text: string): number {
  return parseInt(hashHex(text).slice(0, 8), 16) / 0x1_0000_0000;
}

function findOverride(ref: ImageRef, overrides: readonly ImageOverride[]): ImageOverride | undefined {
  const exact = overrides.find((o) => {
    if (o.image === undefined) return false;
    const r = parseImageRef(o.image);
    return r.ok && r.canonical === ref.canonical;
  });
  if (exact) return exact;
  return overrides.find((o) => {
    if (o.repository === undefined) return false;
    const r = parseImageRef(o.repository);
    return r.ok && r.name === ref.name;
  });
}

function failure(ref: ImageRef, outcome: 'not-found' | 'denied' | 'unknown-host'): PullFailure {
  const c = ref.canonical;
  const head = `failed to pull and unpack image "${c}": failed to resolve reference "${c}"`;
  const path = `${ref.registry === 'docker.io' ? 'registry-1.docker.io' : ref.registry}/v2/${ref.repository}/manifests/${ref.digest ?? ref.tag ?? 'latest'}`;
  const host = ref.registry.replace(/:\d+$/, '');
  let message: string;
  switch (outcome) {
    case 'not-found':
      message = `rpc error: code = NotFound desc = ${head}: ${c}: not found`;
      break;
    case 'denied':
      message = ref.registry === 'docker.io'
        ? `rpc error: code = Unknown desc = ${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
        : `rpc error: code = Unknown desc = ${head}: unexpected status from HEAD request to https://${path}: 401 Unauthorized`;
      break;
    case 'unknown-host':
      message = `rpc error: code = Unknown desc = ${head}: failed to do request: Head "https://${path}": dial tcp: lookup ${host}: no such host`;
      break;
  }
  return { ok: false, reason: 'ErrImagePull', message };
}

/** Decide a pull as containerd would; `cached` (image on the node, policy Always) makes it quick. */
export function resolvePull(image: string, overrides: readonly ImageOverride[] = [], cached = false): PullSuccess | PullFailure {
  const ref = parseImageRef(image);
  if (!ref.ok) return { ok: false, reason: ref.reason, message: ref.message };
  const override = findOverride(ref, overrides);
  const entry = CATALOG.get(ref.name);
  if (override?.pull === 'not-found' || override?.pull === 'denied') return failure(ref, override.pull);
  if (!override && !entry) {
    if (!KNOWN_REGISTRIES.has(ref.registry)) return failure(ref, 'unknown-host');
    return failure(ref, ref.registry === 'docker.io' ? 'denied' : 'not-found');
  }
  const jitter = hashFraction(ref.canonical);
  const size = override?.size ?? Math.round((entry?.sizeBytes ?? 20_000_000) * (0.92 + 0.16 * jitter));
  const behaviour = override?.behaviour ?? entry?.behaviour(ref.tag ?? 'latest') ?? SILENT_DAEMON;
  const imageID = `${ref.name}@${ref.digest ?? `sha256:${hashHex(ref.canonical)}`}`;
  const pullMs = cached
    ? Math.round(250 + 250 * jitter)
    : Math.round(Math.min(3000, Math.max(500, 400 + size / 40_000)) + 200 * jitter);
  return { ok: true, ref, size, imageID, pullMs, behaviour };
}

/** The pull policy the apiserver defaults to: Always for `:latest` or untagged, else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const ref = parseImageRef(image);
  return ref.ok && ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** What kubelet does before creating a container: pull, reuse the node's copy, or refuse (Never). */
export type PullDecision =
  | { action: 'pull'; cached: boolean }
  | { action: 'present'; message: string }
  | { action: 'never'; reason: 'ErrImageNeverPull'; message: string };

/** Apply imagePullPolicy to whether the node already has the image (kubelet's EnsureImageExists). */
export function decidePull(image: string, policy: 'Always' | 'IfNotPresent' | 'Never' | undefined, presentOnNode: boolean): PullDecision {
  const effective = policy ?? defaultPullPolicy(image);
  switch (effective) {
    case 'Always':
      return { action: 'pull', cached: presentOnNode };
    case 'IfNotPresent':
      return presentOnNode ? { action: 'present', message: alreadyPresentMessage(image) } : { action: 'pull', cached: false };
    case 'Never':
      return presentOnNode
        ? { action: 'present', message: alreadyPresentMessage(image) }
        : { action: 'never', reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` };
  }
}

/** Go's time.Duration.String() for whole milliseconds, as kubelet prints pull times. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = String((ms % 60_000) / 1000);
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/** Event text for reason `Pulling`. */
export function pullingMessage(image: string): string {
  return `Pulling image "${image}"`;
}

/** Event text for reason `Pulled` after a pull. */
export function pulledMessage(image: string, pullMs: number, size: number): string {
  const d = goDuration(pullMs);
  return `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${size} bytes.`;
}

/** Event text for reason `Pulled` when IfNotPresent finds the image. */
export function alreadyPresentMessage(image: string): string {
  return `Container image "${image}" already present on machine`;
}

/** Event text for reason `Failed` after a failed pull (followed by `Error: ErrImagePull`). */
export function pullFailedMessage(image: string, failure: PullFailure): string {
  return failure.reason === 'InvalidImageName' ? failure.message : `Failed to pull image "${image}": ${failure.message}`;
}

/** Event text for reason `BackOff` while in ImagePullBackOff. */
export function backOffPullingMessage(image: string): string {
  return `Back-off pulling image "${image}"`;
}

/** The catalog's view of an image without pulling (e.g. to show a behaviour); undefined if unknown. */
export function lookupImage(image: string, overrides: readonly ImageOverride[] = []): PullSuccess | ImageRefError | undefined {
  const r = resolvePull(image, overrides);
  if (r.ok) return r;
  return r.reason === 'InvalidImageName' ? { ok: false, reason: r.reason, message: r.message } : undefined;
}
