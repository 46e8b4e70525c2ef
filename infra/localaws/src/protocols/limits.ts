/**
 * What one request may weigh, per protocol, and linear-time checks of how deeply a text nests, run before any
 * (recursive) parser sees it. The numbers follow AWS where AWS documents one; the rest are generous bounds that no
 * real SDK request comes near but that keep a hostile one from costing more than a few milliseconds.
 */
export const LIMITS = {
  /** awsQuery form bodies: PutMetricData's documented 1 MB POST limit; a 51,200-byte TemplateBody encodes to ≤ 150 KB */
  queryBodyBytes: 1024 * 1024,
  /** JSON 1.0/1.1 bodies: DynamoDB's 16 MB request limit, the largest of the JSON services localaws speaks */
  jsonBodyBytes: 16 * 1024 * 1024,
  /** form parameters in one awsQuery request */
  queryParams: 10_000,
  /** characters in one form key */
  queryKeyLength: 1024,
  /** dotted segments in one form key (`Parameters.member.1.ParameterKey` is 4) */
  queryKeyDepth: 16,
  /** the largest N in `….member.N` / `….entry.N` (no more items than parameters can exist) */
  queryListIndex: 10_000,
  /**
   * JSON nesting: DynamoDB allows 32 levels of nested attribute values, each two JSON levels deep
   * (`{"M":{"a":{"M":…}}}`), so ~70 must pass; 128 leaves room.
   */
  jsonDepth: 128,
  /** XML payloads S3 parses (not object bodies): DeleteObjects' 1,000 keys of ≤ 1,024 bytes fit */
  xmlBodyBytes: 2 * 1024 * 1024,
  /** XML nesting: S3's documents are at most ~6 deep (LifecycleConfiguration/Rule/Filter/And/Tag/Key) */
  xmlDepth: 64,
} as const;

/**
 * True when the JSON text nests objects/arrays deeper than `max`; one pass, no recursion, strings skipped (so
 * brackets inside them do not count). Does not validate: JSON.parse still decides whether the text is JSON.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * True when the XML text nests elements deeper than `max`: one pass over the tags, no recursion. Comments,
 * processing instructions, CDATA and self-closing tags do not open a level. Not a validator.
 */
export function xmlNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (text.startsWith('<!--', i)) end = text.indexOf('-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) end = text.indexOf(']]>', i + 9);
    else {
      end = text.indexOf('>', i + 1);
      if (end < 0) return false;
      if (next === 0x2f /* / */) depth--;
      else if (next !== 0x3f /* ? */ && next !== 0x21 /* ! */ && text.charCodeAt(end - 1) !== 0x2f && ++depth > max) return true;
    }
    if (end < 0) return false;
    i = text.indexOf('<', end + 1);
  }
  return false;
}

/** The deepest nesting of arrays/objects in an already parsed value, walked with an explicit stack. */
export function valueNestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  // YAML aliases share objects: each is walked once, so an alias chain cannot make the walk exponential.
  const seen = new WeakSet<object>();
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
