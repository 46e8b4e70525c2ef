/**
 * AWS JSON output without the SDK's per-request work. JsonShapeSerializer normalizes the schema while copying
 * the output into a second object tree and then stringifies that; here each output schema is walked once into
 * closures that write the JSON text directly, with the SDK's choices: members in model order, null/undefined
 * members and list/map entries dropped, timestamps as epoch seconds (or the member's own format), blobs as
 * base64, non-finite numbers as strings. Shapes or values it does not model throw, and the caller renders with
 * the SDK instead, so the bytes on the wire are always the SDK's.
 */
import type { SchemaRef } from './schema';
import { assertSupported, isoTimestamp, memoized, unrolledMembers, viewOf, type MemberView, type Writer } from './shape-walk';

type Emit = (value: unknown) => string;
type StructWriter = (value: object) => string;

class UnexpectedValue extends Error {}

function fail(): never {
  throw new UnexpectedValue();
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** JSON.stringify of a number: non-finite ones come out as null, as when the SDK returns NaN epoch seconds. */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

// JSON.stringify of a short string costs several times a regex test; most strings need no escaping at all
// (quotes, backslashes, control characters, and surrogates, which JSON.stringify escapes when unpaired).
const NEEDS_ESCAPE = /[^\u0020\u0021\u0023-\u005b\u005d-\u007e]/;

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function simpleEmitter(view: MemberView): Emit {
  switch (view.shape.kind) {
    case 'string':
      return (v) => (typeof v === 'string' ? quote(v) : fail());
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? String(v) : fail());
    // The SDK writes Infinity/NaN as the strings "Infinity"/"NaN" (JSON has no such numbers).
    case 'number':
      return (v) => (typeof v !== 'number' ? fail() : Number.isFinite(v) ? String(v) : `"${String(v)}"`);
    case 'timestamp': {
      const format = view.code === 5 || view.code === 6 || view.code === 7 ? view.code : 7;
      if (format === 6) return fail;
      return format === 7
        ? (v) => (v instanceof Date ? numberText(v.getTime() / 1000) : fail())
        : (v) => (v instanceof Date ? `"${isoTimestamp(v)}"` : fail());
    }
    case 'blob':
      return (v) =>
        v instanceof Uint8Array ? `"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}"` : fail();
    default:
      // Documents: the SDK copies them with its own rules.
      return fail;
  }
}

const structures = new WeakMap<object, StructWriter & Writer>();

function structWriter(view: MemberView): StructWriter {
  return memoized(structures, view.target, () => {
    const members = view.shape.members.map((member) => {
      const key = `${JSON.stringify(member.name)}:`;
      const emit = emitter(member.shape);
      return { name: member.name, emit: (v: unknown) => key + emit(v) };
    });
    const body = unrolledMembers(members, ',');
    const isUnion = Array.isArray(view.target) && view.target[0] === 4;
    return (value: object) => {
      const record = value as Record<string, unknown>;
      // An unknown union member, or __type (an error shape's extra fields), is copied by the SDK's own rules.
      if (typeof record.__type === 'string' || (isUnion && record.$unknown !== undefined)) fail();
      return `{${body(record)}}`;
    };
  });
}

function emitter(ref: SchemaRef): Emit {
  const view = viewOf(ref);
  assertSupported(view);
  switch (view.shape.kind) {
    case 'structure': {
      const write = structWriter(view);
      return (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? write(v) : fail());
    }
    case 'list': {
      const item = emitter(view.shape.value);
      return (v) => {
        if (!Array.isArray(v)) fail();
        let out = '';
        for (const entry of v) if (entry != null) out += (out === '' ? '' : ',') + item(entry);
        return `[${out}]`;
      };
    }
    case 'map': {
      const item = emitter(view.shape.value);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) fail();
        let out = '';
        for (const k in v) {
          if (!hasOwn(v, k)) continue;
          const entry = (v as Record<string, unknown>)[k];
          if (entry != null) out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${item(entry)}`;
        }
        return `{${out}}`;
      };
    }
    default:
      return simpleEmitter(view);
  }
}

const roots = new WeakMap<object, StructWriter | null>();

/**
 * The JSON document for an output schema, or undefined when the schema uses something only the SDK writes.
 * The returned function throws on a value it cannot write exactly as the SDK would.
 */
export function compiledJsonWriter(outputSchema: SchemaRef): StructWriter | undefined {
  const key = outputSchema as object;
  let writer = roots.get(key);
  if (writer === undefined) {
    try {
      const view = viewOf(outputSchema);
      assertSupported(view);
      writer = view.shape.kind === 'structure' ? structWriter(view) : null;
    } catch {
      writer = null;
    }
    roots.set(key, writer);
  }
  return writer ?? undefined;
}
