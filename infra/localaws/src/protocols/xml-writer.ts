/**
 * awsQuery output XML without the SDK's per-request work. XmlShapeSerializer normalizes the schema and builds an
 * XmlNode tree for every response, then stringifies it (most of localaws' CPU on large reads). Here each output
 * schema is walked once into closures that append the same text directly: the same element names (member vs
 * merged xmlName, `member`/`entry`/`key`/`value`), escaping, timestamp formats, and `<X/>` for elements without
 * children. Whatever this does not model (shapes in UNSUPPORTED_TRAITS, values of an unexpected type) throws,
 * and the caller renders with the SDK instead, so the bytes on the wire are always the SDK's.
 */
import type { SchemaRef } from './schema';
import { assertSupported, isoTimestamp, memoized, unrolledMembers, viewOf, type MemberView, type Writer } from './shape-walk';

type Emit = (value: unknown) => string;
type Content = (value: object) => string;

class UnexpectedValue extends Error {}

// The escaping of @aws-sdk/xml-builder's XmlText; the test is a separate non-global regex so it keeps no state.
const NEEDS_ESCAPE = /[&"'<>\r\n\u0085\u2028]/;
const ESCAPE = /[&"'<>\r\n\u0085\u2028]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#x0D;',
  '\n': '&#x0A;',
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
};

function escapeText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE, (c) => ESCAPES[c]!) : text;
}

/** An element whose children are elements: XmlNode writes it self-closed when it has none. */
function element(name: string, children: string): string {
  return children === '' ? `<${name}/>` : `<${name}>${children}</${name}>`;
}

function fail(): never {
  throw new UnexpectedValue();
}

/** The text of a simple value, as XmlShapeSerializer.writeSimple formats it (query timestamps default to ISO). */
function simpleText(view: MemberView): Emit {
  const code = view.code;
  if (view.shape.kind === 'timestamp') {
    const format = code === 5 || code === 6 || code === 7 ? code : 5;
    // HTTP dates (6) only travel in REST headers; leave them to the SDK.
    if (format === 6) return fail;
    return format === 7
      ? (v) => (v instanceof Date ? String(v.getTime() / 1000) : fail())
      : (v) => (v instanceof Date ? isoTimestamp(v) : fail());
  }
  if (view.shape.kind === 'blob')
    return (v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : fail());
  // Strings, numbers and booleans: any primitive is written with String(); an object is an SDK error.
  return (v) => (typeof v === 'object' ? fail() : typeof v === 'number' ? String(v) : escapeText(String(v)));
}

function simpleElement(view: MemberView, name: string): Emit {
  const text = simpleText(view);
  const open = `<${name}>`;
  const close = `</${name}>`;
  return (v) => open + text(v) + close;
}

const structures = new WeakMap<object, Content & Writer>();

/** The children of a structure: its set members in model order. */
function structContent(view: MemberView): Content {
  return memoized(structures, view.target, () => {
    const members = unrolledMembers(
      view.shape.members.map((member) => ({ name: member.name, emit: memberEmitter(member.name, member.shape) })),
    );
    const isUnion = Array.isArray(view.target) && view.target[0] === 4;
    return (value: object) => {
      // An unknown union member is the SDK's to write.
      if (isUnion && (value as { $unknown?: unknown }).$unknown !== undefined) fail();
      return members(value as Record<string, unknown>);
    };
  });
}

function structElement(view: MemberView, name: string): Emit {
  const content = structContent(view);
  return (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? element(name, content(v)) : fail());
}

/** A struct member: lists and maps write themselves (flattened ones as siblings), others as one element. */
function memberEmitter(memberName: string, ref: SchemaRef): Emit {
  const view = viewOf(ref);
  assertSupported(view);
  switch (view.shape.kind) {
    case 'list':
      return listEmitter(view, memberName);
    case 'map':
      return mapEmitter(view, memberName, false);
    case 'structure':
      // writeStruct names a nested structure from the member's own traits, not the target's.
      return structElement(view, typeof view.memberTraits.xmlName === 'string' ? view.memberTraits.xmlName : memberName);
    default:
      return simpleElement(view, typeof view.traits.xmlName === 'string' ? view.traits.xmlName : memberName);
  }
}

function xmlName(view: MemberView, fallback: string): string {
  return typeof view.traits.xmlName === 'string' ? view.traits.xmlName : fallback;
}

/** XmlShapeSerializer.writeList: `<Name><member>…</member></Name>`, or flattened `<Name>…</Name><Name>…</Name>`. */
function listEmitter(view: MemberView, memberName: string): Emit {
  const item = viewOf(view.shape.value);
  assertSupported(item);
  const flat = Boolean(view.traits.xmlFlattened);
  const outer = xmlName(view, memberName);
  const itemName = flat ? outer : xmlName(item, 'member');
  let emitItem: Emit;
  if (item.shape.kind === 'list') {
    const nested = listEmitter(item, 'member');
    emitItem = (v) => nested(Array.isArray(v) ? v : [v]);
  } else if (item.shape.kind === 'map') emitItem = mapEmitter(item, 'member', false);
  else if (item.shape.kind === 'structure') emitItem = structElement(item, itemName);
  else emitItem = simpleElement(item, itemName);
  return (v) => {
    if (!Array.isArray(v)) fail();
    let items = '';
    for (const entry of v) if (entry != null) items += emitItem(entry);
    return flat ? items : element(outer, items);
  };
}

/** XmlShapeSerializer.writeMap: `<Name><entry><key>k</key><value>v</value></entry></Name>` (or flattened entries). */
function mapEmitter(view: MemberView, memberName: string, containerIsMap: boolean): Emit {
  const key = viewOf(view.shape.key);
  const value = viewOf(view.shape.value);
  assertSupported(key);
  assertSupported(value);
  const flat = Boolean(view.traits.xmlFlattened);
  const keyOpen = `<${xmlName(key, 'key')}>`;
  const keyClose = `</${xmlName(key, 'key')}>`;
  const valueTag = xmlName(value, 'value');
  let emitValue: Emit;
  if (value.shape.kind === 'list') {
    const list = listEmitter(value, 'value');
    emitValue = (v) => element(valueTag, list(v));
  } else if (value.shape.kind === 'map') {
    const map = mapEmitter(value, 'value', true);
    emitValue = (v) => element(valueTag, map(v));
  } else if (value.shape.kind === 'structure') {
    emitValue = structElement(value, typeof value.memberTraits.xmlName === 'string' ? value.memberTraits.xmlName : 'value');
  } else emitValue = simpleElement(value, valueTag);
  const entryName = flat ? xmlName(view, memberName) : 'entry';
  const mapName = xmlName(view, memberName);
  return (v) => {
    if (typeof v !== 'object' || v === null) fail();
    let entries = '';
    // for…in without an own-property check, as the SDK iterates.
    for (const k in v) {
      const item = (v as Record<string, unknown>)[k];
      if (item != null) entries += `<${entryName}>${keyOpen}${escapeText(k)}${keyClose}${emitValue(item)}</${entryName}>`;
    }
    return flat || containerIsMap ? entries : element(mapName, entries);
  };
}

const roots = new WeakMap<object, Content | null>();

/**
 * The content of an output schema's root element, or undefined when the schema uses something only the SDK
 * writes. The returned function throws on a value it cannot write exactly as the SDK would.
 */
export function compiledXmlContent(outputSchema: SchemaRef): Content | undefined {
  const key = outputSchema as object;
  let content = roots.get(key);
  if (content === undefined) {
    try {
      const view = viewOf(outputSchema);
      assertSupported(view);
      content = view.shape.kind === 'structure' ? structContent(view) : null;
    } catch {
      content = null;
    }
    roots.set(key, content);
  }
  return content ?? undefined;
}
