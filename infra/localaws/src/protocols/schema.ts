/**
 * A small reader for the static schemas the AWS SDK v3 client packages export
 * (`DescribeStacksInput$` and friends). Their encoding, as emitted by smithy-typescript:
 *   simple types are numbers (0 string, 1 number, 2 boolean, 4-7 timestamps, 15 document,
 *   21 blob; 64|x a list of x, 128|x a map of x); structures are arrays
 *   [3 | -3(error) | 4(union), namespace, name, traits, memberNames, memberSchemas, requiredCount?],
 *   lists [1, ns, name, traits, valueSchema], maps [2, ns, name, traits, keySchema, valueSchema],
 *   aliases [0, ns, name, traits, schema], operations [9, ns, name, traits, input, output];
 *   any reference may be a lazy function, and a member carrying traits is [schema, traits].
 */
export type SchemaRef = unknown;

export type ShapeKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'blob' | 'document' | 'list' | 'map' | 'structure';

export interface Shape {
  kind: ShapeKind;
  name: string;
  /** structure members in declaration order */
  members: Array<{ name: string; shape: SchemaRef; traits: Record<string, unknown> }>;
  /** how many leading members are required (structures only) */
  requiredCount: number;
  value?: SchemaRef;
  key?: SchemaRef;
  traits: Record<string, unknown>;
}

function deref(ref: SchemaRef): unknown {
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

const TRAIT_BITS: Record<number, string> = {
  1: 'httpLabel',
  2: 'idempotent',
  4: 'idempotencyToken',
  8: 'sensitive',
  16: 'httpPayload',
  32: 'httpResponseCode',
  64: 'httpQueryParams',
};

/** Traits are either an object or a bit field of the common boolean ones. */
export function readTraits(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'number') {
    const out: Record<string, unknown> = {};
    for (const [bit, name] of Object.entries(TRAIT_BITS)) if (raw & Number(bit)) out[name] = true;
    return out;
  }
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
}

function isMemberRef(value: unknown): value is [SchemaRef, unknown] {
  // A member with traits is a 2-tuple; static schemas always have at least 4 entries.
  return Array.isArray(value) && value.length === 2;
}

/** Splits a member reference into its target schema and the traits attached to the member. */
export function unwrapMember(ref: SchemaRef): { target: unknown; traits: Record<string, unknown> } {
  let current = deref(ref);
  let traits: Record<string, unknown> = {};
  while (isMemberRef(current)) {
    traits = { ...readTraits(current[1]), ...traits };
    current = deref(current[0]);
  }
  return { target: current, traits };
}

function simpleKind(code: number): ShapeKind {
  if (code === 0) return 'string';
  if (code === 2) return 'boolean';
  if (code >= 4 && code <= 7) return 'timestamp';
  if (code === 15) return 'document';
  if (code === 21 || code === 42) return 'blob';
  return 'number';
}

/**
 * Schemas are static module constants, so a reference's shape never changes: it is read once and shared (every
 * request reads its input and output shapes; callers must not mutate the result).
 */
const shapes = new WeakMap<object, Shape>();
const simpleShapes = new Map<unknown, Shape>();

export function readShape(ref: SchemaRef): Shape {
  const cache = ref !== null && (typeof ref === 'object' || typeof ref === 'function') ? shapes : simpleShapes;
  const key = ref as object;
  let shape = cache.get(key);
  if (!shape) {
    shape = readShapeUncached(ref);
    cache.set(key, shape);
  }
  return shape;
}

function readShapeUncached(ref: SchemaRef): Shape {
  const { target, traits: memberTraits } = unwrapMember(ref);
  const base = { members: [], requiredCount: 0 };
  if (typeof target === 'number') {
    if (target & 64) return { ...base, kind: 'list', name: 'list', value: target & 63, traits: memberTraits };
    if (target & 128) return { ...base, kind: 'map', name: 'map', key: 0, value: target & 63, traits: memberTraits };
    return { ...base, kind: simpleKind(target), name: String(target), traits: memberTraits };
  }
  if (typeof target === 'string' || target == null) return { ...base, kind: 'structure', name: 'Unit', traits: memberTraits };
  if (!Array.isArray(target)) throw new Error('unrecognised schema');
  const [tag, , name, rawTraits] = target as [number, string, string, unknown];
  const traits = { ...readTraits(rawTraits), ...memberTraits };
  switch (tag) {
    // A union (4) travels like a structure with at most one member set, so it reads the same way.
    case 3:
    case -3:
    case 4: {
      const names = (target[4] ?? []) as string[];
      const schemas = (target[5] ?? []) as SchemaRef[];
      return {
        kind: 'structure',
        name,
        traits,
        requiredCount: typeof target[6] === 'number' ? target[6] : 0,
        members: names.map((member, i) => ({ name: member, shape: schemas[i], traits: unwrapMember(schemas[i]).traits })),
      };
    }
    case 1:
      return { ...base, kind: 'list', name, value: target[4], traits };
    case 2:
      return { ...base, kind: 'map', name, key: target[4], value: target[5], traits };
    case 0: {
      const inner = readShape(target[4]);
      return { ...inner, name, traits: { ...inner.traits, ...traits } };
    }
    default:
      throw new Error(`unsupported schema tag ${tag} for ${name}`);
  }
}

/** Input and output schemas of an operation schema `[9, ns, name, traits, input, output]`. */
export function operationIo(op: unknown): { name: string; input: SchemaRef; output: SchemaRef } {
  if (!Array.isArray(op) || op[0] !== 9) throw new Error('not an operation schema');
  return { name: op[2] as string, input: op[4], output: op[5] };
}
