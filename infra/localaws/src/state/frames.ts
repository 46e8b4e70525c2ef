/**
 * A store's partitions as a list of small v8-serialised frames, so saving a big store never blocks the event
 * loop for long (persistence yields between frames) and one value v8 cannot round-trip loses only itself.
 *
 * Collections near the root are cut up: every object element of the top two levels of Maps and arrays is a frame
 * of its own (one stack, one key, one table), and any Map or array with more than SLICE elements is stored in
 * slices (a stream's 50,000 log events). In a frame, a cut-out value is a placeholder `{ [REF]: id }`.
 */
import { deserialize, serialize } from 'node:v8';

const REF = '\u0000localaws.ref';
const SLICES = '\u0000localaws.slices';
/** A frame that could not be saved: its element is left out of its parent on load. */
const DROPPED = '\u0000localaws.dropped';
const SLICE = 100;
/** How deep the encoder looks for collections; below this, values go into their frame as they are. */
const MAX_DEPTH = 6;
/** Elements of collections at this depth or more get frames of their own. */
const OWN_FRAME_DEPTH = MAX_DEPTH - 2;

type Ref = { [REF]: number };
type Sliced = { [SLICES]: 'map' | 'array'; ids: number[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isContainer(value: unknown): boolean {
  return value instanceof Map || Array.isArray(value) || isPlainObject(value);
}

/**
 * Splits `root` into frames, yielding `[id, value]` one at a time (children before the parents that refer to
 * them; the root, id 0, last), so the caller can serialise each and let requests in between. The walk copies only
 * the containers it cuts up, and looks at most MAX_DEPTH levels down.
 */
export function* splitFrames(root: unknown): Generator<[number, unknown], void, undefined> {
  let next = 1;
  function* frame(value: unknown): Generator<[number, unknown], Ref, undefined> {
    const id = next++;
    yield [id, value];
    return { [REF]: id };
  }
  /** An element that goes into its parent's frame as it is: no generator needed (50,000 log events). */
  const plain = (value: unknown, depth: number) => depth - 1 <= 1 && !(depth >= OWN_FRAME_DEPTH && isContainer(value));
  function* element(value: unknown, depth: number): Generator<[number, unknown], unknown, undefined> {
    const encoded = yield* encode(value, depth - 1);
    return depth >= OWN_FRAME_DEPTH && isContainer(value) ? yield* frame(encoded) : encoded;
  }
  function* slices(items: unknown[], kind: Sliced[typeof SLICES]): Generator<[number, unknown], Sliced, undefined> {
    const sliced: Sliced = { [SLICES]: kind, ids: [] };
    for (let i = 0; i < items.length; i += SLICE) sliced.ids.push((yield* frame(items.slice(i, i + SLICE)))[REF]);
    return sliced;
  }
  function* encode(value: unknown, depth: number): Generator<[number, unknown], unknown, undefined> {
    // The last level is not copied: a frame holds it as it is (no placeholders that deep).
    if (depth <= 1) return value;
    if (value instanceof Map) {
      const entries: Array<[unknown, unknown]> = [];
      // Copied first: requests run between frames and may change the map while it is walked.
      for (const [k, v] of [...value]) entries.push([k, plain(v, depth) ? v : yield* element(v, depth)]);
      return entries.length <= SLICE ? new Map(entries) : yield* slices(entries, 'map');
    }
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (const v of [...value]) items.push(plain(v, depth) ? v : yield* element(v, depth));
      return items.length <= SLICE ? items : yield* slices(items, 'array');
    }
    if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) copy[key] = yield* encode(v, depth - 1);
      return copy;
    }
    return value;
  }
  yield [0, yield* encode(root, MAX_DEPTH)];
}

/**
 * Serialises one frame and checks it reads back (a 3,000-deep template serialises but overflows the stack when
 * read): a frame that fails becomes a DROPPED marker, and `onDrop` says why.
 */
export function serializeFrame(value: unknown, onDrop: (reason: string) => void): Buffer {
  try {
    const bytes = serialize(value);
    deserialize(bytes);
    return bytes;
  } catch (error) {
    // "could not be cloned" (a function, a symbol) or a stack overflow writing or reading it back.
    onDrop(error instanceof Error ? error.message : String(error));
    return serialize(DROPPED);
  }
}

/** Puts a store back together from its deserialised frames (walking the same levels the split did). */
export function joinFrames(frames: unknown[]): unknown {
  const frameAt = (id: number): unknown => {
    if (!(id in frames)) throw new Error(`frame ${id} is missing`);
    return frames[id];
  };
  const resolve = (value: unknown, depth: number): unknown => {
    if (depth <= 1 || value === null || typeof value !== 'object') return value;
    if (REF in value) return resolve(frameAt((value as Ref)[REF]), depth);
    if (SLICES in value) {
      const { [SLICES]: kind, ids } = value as Sliced;
      const parts = ids.flatMap((id) => frameAt(id) as unknown[]);
      if (kind === 'array') return parts.map((v) => resolve(v, depth - 1)).filter((v) => v !== DROPPED);
      const map = new Map<unknown, unknown>();
      for (const [k, v] of parts as Array<[unknown, unknown]>) {
        const resolved = resolve(v, depth - 1);
        if (resolved !== DROPPED) map.set(k, resolved);
      }
      return map;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) {
        const resolved = resolve(v, depth - 1);
        if (resolved === DROPPED) value.delete(k);
        else value.set(k, resolved);
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth - 1)).filter((v) => v !== DROPPED);
    if (isPlainObject(value)) for (const [key, v] of Object.entries(value)) value[key] = resolve(v, depth - 1);
    return value;
  };
  return resolve(frameAt(0), MAX_DEPTH);
}
