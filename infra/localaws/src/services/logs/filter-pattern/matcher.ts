/** Matches one log event message against a parsed filter pattern and exposes the values it extracted. */
import type { Comparison, FilterPattern, JsonExpr, Literal, Selector, SpaceExpr, SpaceField, Term } from './ast';
import { parseSelector } from './parser';

export interface MatchOutcome {
  /** Values named in the pattern, as TestMetricFilter reports them: `$.field` (JSON) or `$name` (space-delimited). */
  extracted: Record<string, string>;
  /** Reads `$.any.path` (JSON events) or `$name` (space-delimited fields), for metric values and dimensions. */
  lookup(selector: string): string | number | undefined;
}

type Resolved = { found: false } | { found: true; value: unknown };

export function resolvePath(doc: unknown, path: Array<string | number>): Resolved {
  let current: unknown = doc;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return { found: false };
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !(step in current))
        return { found: false };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}

/** `*` is a wildcard only at the start or end of a value, as in CloudWatch Logs. */
function globEquals(pattern: string, text: string): boolean {
  if (pattern === '*') return true;
  const leading = pattern.startsWith('*');
  const trailing = pattern.endsWith('*') && pattern.length > 1;
  const core = pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (leading && trailing) return text.includes(core);
  if (leading) return text.endsWith(core);
  if (trailing) return text.startsWith(core);
  return text === core;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A scalar compared with a literal; objects, arrays, null and absent values never match. */
function compareScalar(value: unknown, op: Comparison, literal: Literal): boolean {
  if (value === null || value === undefined || typeof value === 'object') return false;
  if (literal.kind === 'number') {
    const n = asNumber(value);
    if (n === undefined) return false;
    const results: Record<Comparison, boolean> = {
      '=': n === literal.value,
      '!=': n !== literal.value,
      '<': n < literal.value,
      '>': n > literal.value,
      '<=': n <= literal.value,
      '>=': n >= literal.value,
    };
    return results[op];
  }
  const equal = globEquals(literal.value, String(value));
  return op === '=' ? equal : op === '!=' ? !equal : false;
}

function evalJson(expr: JsonExpr, doc: unknown): boolean {
  switch (expr.kind) {
    case 'and':
      return evalJson(expr.left, doc) && evalJson(expr.right, doc);
    case 'or':
      return evalJson(expr.left, doc) || evalJson(expr.right, doc);
    case 'check': {
      const resolved = resolvePath(doc, expr.selector.path);
      if (expr.test === 'notExists') return !resolved.found;
      if (!resolved.found) return false;
      return resolved.value === { null: null, true: true, false: false }[expr.test];
    }
    case 'compare': {
      const resolved = resolvePath(doc, expr.selector.path);
      return resolved.found && compareScalar(resolved.value, expr.op, expr.value);
    }
  }
}

function scalarText(value: unknown): string | number | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean' || value === null) return String(value);
  return undefined;
}

function matchJson(selectors: Selector[], expr: JsonExpr, message: string): MatchOutcome | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object' || !evalJson(expr, doc)) return undefined;
  const extracted: Record<string, string> = {};
  for (const selector of selectors) {
    const resolved = resolvePath(doc, selector.path);
    const text = resolved.found ? scalarText(resolved.value) : undefined;
    if (text !== undefined) extracted[selector.text] = String(text);
  }
  return {
    extracted,
    lookup(selector) {
      let path: Array<string | number>;
      try {
        path = parseSelector(selector).path;
      } catch {
        return undefined;
      }
      const resolved = resolvePath(doc, path);
      return resolved.found ? scalarText(resolved.value) : undefined;
    },
  };
}

/** Splits a line into fields at white space; "quoted" and [bracketed] runs are one field each. */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (let m = re.exec(message); m; m = re.exec(message)) fields.push(m[1] ?? m[2] ?? m[3] ?? '');
  return fields;
}

function evalSpace(expr: SpaceExpr, values: Map<string, string>): boolean {
  if (expr.kind !== 'compare')
    return expr.kind === 'and'
      ? evalSpace(expr.left, values) && evalSpace(expr.right, values)
      : evalSpace(expr.left, values) || evalSpace(expr.right, values);
  const value = values.get(expr.field);
  return value !== undefined && compareScalar(value, expr.op, expr.value);
}

function matchSpace(pattern: SpaceField[], message: string): MatchOutcome | undefined {
  const fields = splitFields(message);
  const conditions = pattern.flatMap((field) => (field.kind === 'field' && field.condition ? [field.condition] : []));
  // Try assignments in order; with several `...` the first one whose conditions hold wins.
  const tryAll = (index: number, rest: string[], values: Map<string, string>): Map<string, string> | undefined => {
    const head = pattern[index];
    if (!head) return rest.length === 0 && conditions.every((c) => evalSpace(c, values)) ? values : undefined;
    if (head.kind === 'ellipsis') {
      for (let take = 0; take <= rest.length; take++) {
        const found = tryAll(index + 1, rest.slice(take), values);
        if (found) return found;
      }
      return undefined;
    }
    if (rest.length === 0) return undefined;
    return tryAll(index + 1, rest.slice(1), new Map(values).set(head.name, rest[0]!));
  };
  const values = tryAll(0, fields, new Map());
  if (!values) return undefined;
  const extracted = Object.fromEntries([...values].map(([name, value]) => [`$${name}`, value]));
  return { extracted, lookup: (selector) => values.get(selector.replace(/^\$/, '')) };
}

function termFound(term: Term, message: string): boolean {
  return term.kind === 'text' ? message.includes(term.text) : term.regex.test(message);
}

const NOTHING: MatchOutcome = { extracted: {}, lookup: () => undefined };

/** The outcome when the message matches, undefined when it does not. */
export function matchFilterPattern(pattern: FilterPattern, message: string): MatchOutcome | undefined {
  switch (pattern.kind) {
    case 'all':
      return NOTHING;
    case 'json':
      return matchJson(pattern.selectors, pattern.expr, message);
    case 'space':
      return matchSpace(pattern.fields, message);
    case 'terms': {
      const ok =
        pattern.required.every((t) => termFound(t, message)) &&
        !pattern.excluded.some((t) => termFound(t, message)) &&
        (pattern.anyOf.length === 0 || pattern.anyOf.some((t) => termFound(t, message)));
      return ok ? NOTHING : undefined;
    }
  }
}
