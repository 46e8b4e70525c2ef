/**
 * What the compiled writers (xml-writer.ts, json-writer.ts) need to know about one schema reference, read the
 * way the SDK's NormalizedSchema reads it: member traits (on the `[schema, traits]` wrappers only) apart from
 * merged traits (the target's own plus the member's), and the raw simple-type code, which decides timestamp
 * formats and which number types are plain.
 */
import { readShape, unwrapMember, type SchemaRef, type Shape } from './schema';

export interface MemberView {
  shape: Shape;
  /** traits of the member wrapper alone (the SDK names a nested structure element from these) */
  memberTraits: Record<string, unknown>;
  /** the target's traits overlaid with the member's (everything else reads these) */
  traits: Record<string, unknown>;
  /** the simple-type code (0 string, 1 number, 4-7 timestamps, 17/19 big numbers…), undefined for aggregates */
  code?: number;
  /** the structure/list/map schema itself, to memoize compiled writers of recursive shapes */
  target: unknown;
}

/** Thrown while compiling a schema the fast writers do not model; the SDK serializer renders it instead. */
export class UnsupportedShape extends Error {}

function simpleCode(target: unknown): number | undefined {
  if (typeof target === 'number') return target & 192 ? undefined : target;
  // An alias [0, ns, name, traits, schema] stands for its schema.
  if (Array.isArray(target) && target[0] === 0) return simpleCode(unwrapMember(target[4]).target);
  return undefined;
}

export function viewOf(ref: SchemaRef): MemberView {
  const { target, traits: memberTraits } = unwrapMember(ref);
  const shape = readShape(ref);
  return { shape, memberTraits, traits: shape.traits, code: simpleCode(target), target };
}

/** Traits whose output the fast writers do not reproduce; a schema using any of them is left to the SDK. */
const UNSUPPORTED_TRAITS = ['xmlAttribute', 'xmlNamespace', 'httpPayload', 'idempotencyToken', 'sparse', 'mediaType'];

export function assertSupported(view: MemberView): void {
  for (const trait of UNSUPPORTED_TRAITS) if (view.traits[trait] !== undefined) throw new UnsupportedShape(trait);
  // Streaming blobs (42), documents (15) and big numbers (17, 19) need the SDK's own handling.
  if (view.code === 42 || view.code === 15 || view.code === 17 || view.code === 19)
    throw new UnsupportedShape(`code ${view.code}`);
  // Unit (a union member without a value) is no structure to the SDK.
  if (view.shape.kind === 'structure' && !Array.isArray(view.target)) throw new UnsupportedShape('unit');
}

export type Writer = (value: never) => string;

/**
 * Memoizes a structure's compiled writer, with an indirection so a recursive shape can refer to itself while it
 * is being compiled. A structure that cannot be compiled keeps a writer that throws, so whatever reached it
 * through recursion hands the value to the SDK too.
 */
export function memoized<W extends Writer>(cache: WeakMap<object, W>, target: unknown, compile: () => W): W {
  const key = target as object;
  const existing = cache.get(key);
  if (existing) return existing;
  let compiled: W | undefined;
  let failure: unknown;
  const lazy = ((value: never) => {
    if (!compiled) throw failure ?? new UnsupportedShape('still compiling');
    return compiled(value);
  }) as W;
  cache.set(key, lazy);
  try {
    compiled = compile();
  } catch (error) {
    failure = error;
    throw error;
  }
  cache.set(key, compiled);
  return compiled;
}

// Date#toISOString costs about a microsecond and a response can hold hundreds of timestamps, most of them the
// same instants request after request (event and alarm times); the text depends only on the time value.
const isoTexts = new Map<number, string>();
const ISO_CACHE_LIMIT = 20_000;

/** The SDK's date-time text: ISO 8601 without zero milliseconds. Throws for an invalid date, as the SDK does. */
export function isoTimestamp(date: Date): string {
  const time = date.getTime();
  let text = isoTexts.get(time);
  if (text === undefined) {
    text = date.toISOString().replace('.000Z', 'Z');
    if (isoTexts.size >= ISO_CACHE_LIMIT) isoTexts.clear();
    isoTexts.set(time, text);
  }
  return text;
}

/**
 * The member loop of a structure writer, generated once per structure: each member read by its literal name
 * and handed to its own emitter. A generic loop (`record[member.name]`, `member.emit(v)`) leaves V8 with
 * megamorphic property loads and calls on every member of every item, several times slower. Member names are
 * embedded as JSON string literals and emitters passed as arguments, so no schema text becomes code.
 */
export function unrolledMembers(
  members: Array<{ name: string; emit: (value: unknown) => string }>,
  separator = '',
): (record: Record<string, unknown>) => string {
  const lines = members.map(({ name }, i) => {
    const append = separator ? `(out === '' ? '' : ${JSON.stringify(separator)}) + emit${i}(v)` : `emit${i}(v)`;
    return `v = record[${JSON.stringify(name)}]; if (v != null) out += ${append};`;
  });
  const source = `'use strict'; return function members(record) { let out = ''; let v; ${lines.join(' ')} return out; };`;
  const factory = new Function(...members.map((_, i) => `emit${i}`), source) as (
    ...emits: Array<(value: unknown) => string>
  ) => (record: Record<string, unknown>) => string;
  return factory(...members.map((m) => m.emit));
}
