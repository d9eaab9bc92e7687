/**
 * Image reference parsing with Docker/containerd normalisation (the rules of
 * distribution/reference `ParseNormalizedNamed`), so the simulator names images exactly as
 * `kubectl describe` and containerStatuses show them on a real node.
 */
import { rememberByString } from '../memo.js';

/** A parsed, normalised image reference; `canonical` is what containerd pulls. */
export interface ImageRef {
  ok: true;
  /** Registry host, `docker.io` for Docker Hub. */
  registry: string;
  /** Path inside the registry, `library/nginx` for official images. */
  repository: string;
  /** `registry/repository`, the key of the image catalog. */
  name: string;
  /** Explicit tag, or `latest` when neither tag nor digest was given; undefined for digest-only refs. */
  tag: string | undefined;
  /** `sha256:<64 hex>` when the reference pins a digest. */
  digest: string | undefined;
  /** Fully qualified reference: `docker.io/library/nginx:latest`, `…/nginx@sha256:…`. */
  canonical: string;
}

/** Why kubelet refused a reference; the message is the `InspectFailed` event text. */
export interface ImageRefError {
  ok: false;
  reason: 'InvalidImageName';
  message: string;
}

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const HEX64 = /^[a-f0-9]{64}$/;

/** Parse and normalise an image string as kubelet does before pulling (frozen, shared: every pod of a DaemonSet names the same few images). */
export const parseImageRef: (image: string) => Readonly<ImageRef | ImageRefError> = rememberByString((image) => Object.freeze(parseFresh(image)));

function parseFresh(image: string): ImageRef | ImageRefError {
  const detail = normalise(image);
  if (typeof detail === 'string') {
    return {
      ok: false,
      reason: 'InvalidImageName',
      message: `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${detail}`,
    };
  }
  return detail;
}

function normalise(image: string): ImageRef | string {
  if (HEX64.test(image)) return `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`;
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep >= 0 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) {
    return `invalid reference format: repository name (${remoteName}) must be lowercase`;
  }
  const full = `${domain}/${remainder}`;
  const m = REFERENCE.exec(full);
  if (!m) {
    if (image === '') return 'repository name must have at least one component';
    return 'invalid reference format';
  }
  const name = m[1] ?? '';
  if (name.length > 255) return 'repository name must not be more than 255 characters';
  const digest = m[3];
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) return problem;
  }
  const slash = name.indexOf('/');
  const registry = name.slice(0, slash);
  const repository = name.slice(slash + 1);
  const tag = m[2] ?? (digest === undefined ? 'latest' : undefined);
  const canonical = `${name}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { ok: true, registry, repository, name, tag, digest, canonical };
}

function splitDockerDomain(image: string): [string, string] {
  const i = image.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i >= 0 ? image.slice(0, i) : '';
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = 'docker.io';
    remainder = image;
  } else {
    domain = first;
    remainder = image.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

function digestProblem(digest: string): string | undefined {
  const [algorithm = '', hex = ''] = digest.split(':');
  const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  const want = lengths[algorithm];
  if (want === undefined) return 'unsupported digest algorithm';
  if (hex.length !== want) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return undefined;
}
