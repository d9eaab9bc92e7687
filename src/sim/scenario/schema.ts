/**
 * The scenario file format: a starting cluster described as data (nodes, namespaces,
 * pre-existing objects, image behaviour, timing). Strict everywhere, so a typo in a lesson's
 * scenario fails at load time instead of silently producing a different cluster.
 */
import { z } from 'zod';
import { canonicalQuantityOrSelf, isValidQuantity } from '../strategy/quantity-port.js';

const quantity = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => isValidQuantity(v), { message: 'not a Kubernetes quantity (e.g. "4", "500m", "8Gi")' })
  .transform(canonicalQuantityOrSelf);

const conditionStatus = z.enum(['True', 'False', 'Unknown']);

/** Node resources a scenario may set; the rest (hugepages) are always zero. */
export const resourcesSchema = z.strictObject({
  cpu: quantity.optional(),
  memory: quantity.optional(),
  pods: quantity.optional(),
  'ephemeral-storage': quantity.optional(),
});

/** A taint as `kubectl describe node` shows it. */
export const taintSchema = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

const nodeFields = {
  role: z.enum(['control-plane', 'worker']).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  /** Absent: kind's defaults (control planes tainted NoSchedule). Present: exactly these. */
  taints: z.array(taintSchema).optional(),
  capacity: resourcesSchema.optional(),
  allocatable: resourcesSchema.optional(),
  conditions: z
    .strictObject({
      Ready: conditionStatus.optional(),
      MemoryPressure: conditionStatus.optional(),
      DiskPressure: conditionStatus.optional(),
      PIDPressure: conditionStatus.optional(),
      NetworkUnavailable: conditionStatus.optional(),
    })
    .optional(),
  unschedulable: z.boolean().optional(),
};

/** One listed node. */
export const nodeSchema = z.strictObject({ name: z.string().min(1), ...nodeFields });

/** `count` nodes named `<namePrefix>1..count` sharing the same settings. */
export const nodeGeneratorSchema = z.strictObject({
  count: z.number().int().min(0).max(10_000),
  namePrefix: z.string().min(1),
  ...nodeFields,
});

/** An image catalog override (see `sim/images.ts` `ImageOverride`); `behaviour` stays loosely typed. */
export const imageOverrideSchema = z
  .strictObject({
    image: z.string().min(1).optional(),
    repository: z.string().min(1).optional(),
    pull: z.enum(['ok', 'not-found', 'denied']).optional(),
    size: z.number().int().nonnegative().optional(),
    behaviour: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((o) => o.image !== undefined || o.repository !== undefined, { message: 'needs `image` or `repository`' });

/** Simulated durations in seconds; absent ones use the simulator's defaults. */
export const timingSchema = z.strictObject({
  pullSeconds: z.number().nonnegative().optional(),
  containerStartSeconds: z.number().nonnegative().optional(),
  readinessSeconds: z.number().nonnegative().optional(),
});

const manifestSchema = z.record(z.string(), z.unknown());

/** The whole scenario file. */
export const scenarioSchema = z.strictObject({
  version: z.literal(1),
  description: z.string().min(1),
  nodes: z.array(z.union([nodeGeneratorSchema, nodeSchema])).min(1),
  namespaces: z.array(z.string().min(1)).optional(),
  objects: z.array(manifestSchema).optional(),
  images: z.array(imageOverrideSchema).optional(),
  timing: timingSchema.optional(),
});

/** A validated scenario. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** One entry of `nodes`: a listed node or a generator. */
export type ScenarioNodeEntry = Scenario['nodes'][number];
/** A listed node. */
export type ScenarioNode = z.infer<typeof nodeSchema>;
/** Taint as written in a scenario. */
export type ScenarioTaint = z.infer<typeof taintSchema>;
/** Node resources as written in a scenario. */
export type ScenarioResources = z.infer<typeof resourcesSchema>;
