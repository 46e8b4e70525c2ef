/**
 * Filter-pattern parser: the first non-blank character decides the kind (`{` JSON, `[` space-delimited,
 * anything else terms). Precedence in JSON and space-delimited conditions: () > && > ||.
 */
import {
  PatternError,
  type Comparison,
  type FilterPattern,
  type JsonExpr,
  type Literal,
  type Selector,
  type SpaceExpr,
  type SpaceField,
  type Term,
} from './ast';
import { tokenize, type Token } from './lexer';

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const ORDERING = new Set(['<', '>', '<=', '>=']);

class TokenStream {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new PatternError('unexpected end of pattern');
    return token;
  }

  accept(text: string): boolean {
    if (this.peek()?.text !== text || this.peek()?.kind === 'string') return false;
    this.index++;
    return true;
  }

  expect(text: string): void {
    const token = this.next();
    if (token.text !== text || token.kind === 'string')
      throw new PatternError(`expected '${text}' at ${token.at}, found '${token.text}'`);
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }
}

function parseLiteral(token: Token, op: Comparison): Literal {
  if (token.kind === 'word' && NUMBER.test(token.text)) return { kind: 'number', value: Number(token.text) };
  if (ORDERING.has(op)) throw new PatternError(`'${op}' needs a number, found '${token.text}' at ${token.at}`);
  if (token.kind !== 'string' && token.kind !== 'word')
    throw new PatternError(`expected a value at ${token.at}, found '${token.text}'`);
  return { kind: 'string', value: token.text };
}

export function parseSelector(text: string): Selector {
  if (!text.startsWith('$.') || text.length < 3) throw new PatternError(`invalid selector '${text}'`);
  const path: Array<string | number> = [];
  const parts = text.slice(2).match(/[^.[\]]+|\[\d+\]|\./g) ?? [];
  let expectName = true;
  for (const part of parts) {
    if (part === '.') {
      if (expectName) throw new PatternError(`invalid selector '${text}'`);
      expectName = true;
    } else if (part.startsWith('[')) {
      if (expectName) throw new PatternError(`invalid selector '${text}'`);
      path.push(Number(part.slice(1, -1)));
    } else {
      if (!expectName) throw new PatternError(`invalid selector '${text}'`);
      path.push(part);
      expectName = false;
    }
  }
  if (expectName || parts.join('') !== text.slice(2)) throw new PatternError(`invalid selector '${text}'`);
  return { text, path };
}

/** `a || b`, `a && b` and parentheses over some primary condition. */
function parseLogic<T>(stream: TokenStream, primary: () => T, combine: (kind: 'and' | 'or', left: T, right: T) => T): T {
  const parseAnd = (): T => {
    let left = parseUnit();
    while (stream.accept('&&')) left = combine('and', left, parseUnit());
    return left;
  };
  const parseOr = (): T => {
    let left = parseAnd();
    while (stream.accept('||')) left = combine('or', left, parseAnd());
    return left;
  };
  const parseUnit = (): T => {
    if (!stream.accept('(')) return primary();
    const inner = parseOr();
    stream.expect(')');
    return inner;
  };
  return parseOr();
}

function parseJson(stream: TokenStream): FilterPattern {
  const selectors: Selector[] = [];
  stream.expect('{');
  const primary = (): JsonExpr => {
    const token = stream.next();
    if (token.kind !== 'selector') throw new PatternError(`expected a selector at ${token.at}, found '${token.text}'`);
    const selector = parseSelector(token.text);
    selectors.push(selector);
    const word = stream.peek()?.kind === 'word' ? stream.next().text.toUpperCase() : undefined;
    if (word === 'IS') {
      const what = stream.next().text.toUpperCase();
      if (what === 'NULL' || what === 'TRUE' || what === 'FALSE')
        return { kind: 'check', selector, test: what.toLowerCase() as 'null' | 'true' | 'false' };
      throw new PatternError(`expected NULL, TRUE or FALSE after IS, found '${what}'`);
    }
    if (word === 'NOT') {
      if (stream.next().text.toUpperCase() !== 'EXISTS') throw new PatternError('expected EXISTS after NOT');
      return { kind: 'check', selector, test: 'notExists' };
    }
    if (word !== undefined) throw new PatternError(`unexpected '${word}' after ${selector.text}`);
    const op = stream.next();
    if (op.kind !== 'op') throw new PatternError(`expected a comparison at ${op.at}, found '${op.text}'`);
    return { kind: 'compare', selector, op: op.text as Comparison, value: parseLiteral(stream.next(), op.text as Comparison) };
  };
  const expr = parseLogic<JsonExpr>(stream, primary, (kind, left, right) => ({ kind, left, right }));
  stream.expect('}');
  if (!stream.done()) throw new PatternError('unexpected text after the closing brace');
  return { kind: 'json', expr, selectors };
}

/** One bracketed field: a name, optionally with a condition on it (`status_code = 4* || status_code = 5*`). */
function parseSpaceField(stream: TokenStream): SpaceField {
  if (stream.accept('...')) return { kind: 'ellipsis' };
  let bare: string | undefined;
  const primary = (): SpaceExpr => {
    const name = stream.next();
    if (name.kind !== 'word' || NUMBER.test(name.text))
      throw new PatternError(`expected a field name at ${name.at}, found '${name.text}'`);
    if (stream.peek()?.kind !== 'op') {
      bare = name.text;
      return { kind: 'compare', field: name.text, op: '=', value: { kind: 'string', value: '*' } };
    }
    const op = stream.next().text as Comparison;
    return { kind: 'compare', field: name.text, op, value: parseLiteral(stream.next(), op) };
  };
  const condition = parseLogic<SpaceExpr>(stream, primary, (kind, left, right) => ({ kind, left, right }));
  if (condition.kind === 'compare' && bare === condition.field) return { kind: 'field', name: bare };
  let first: SpaceExpr = condition;
  while (first.kind !== 'compare') first = first.left;
  return { kind: 'field', name: first.field, condition };
}

function parseSpace(stream: TokenStream): FilterPattern {
  stream.expect('[');
  const fields: SpaceField[] = [];
  if (!stream.accept(']')) {
    do fields.push(parseSpaceField(stream));
    while (stream.accept(','));
    stream.expect(']');
  }
  if (!stream.done()) throw new PatternError('unexpected text after the closing bracket');
  return { kind: 'space', fields };
}

function parseTerms(source: string): FilterPattern {
  const out: FilterPattern & { kind: 'terms' } = { kind: 'terms', required: [], anyOf: [], excluded: [] };
  let i = 0;
  while (i < source.length) {
    if (/\s/.test(source[i]!)) {
      i++;
      continue;
    }
    const prefix = source[i] === '-' || source[i] === '?' ? source[i++] : '';
    let term: Term;
    const ch = source[i];
    if (ch === '"' || ch === '%') {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new PatternError(`unterminated ${ch} at ${i}`);
      const body = source.slice(i + 1, end);
      if (ch === '"') term = { kind: 'text', text: body };
      else {
        try {
          term = { kind: 'regex', regex: new RegExp(body) };
        } catch {
          throw new PatternError(`invalid regular expression %${body}%`);
        }
      }
      i = end + 1;
    } else {
      const match = /^[^\s"%]+/.exec(source.slice(i));
      if (!match || /[{}[\]()]/.test(match[0])) throw new PatternError(`invalid term at ${i}`);
      term = { kind: 'text', text: match[0] };
      i += match[0].length;
    }
    (prefix === '-' ? out.excluded : prefix === '?' ? out.anyOf : out.required).push(term);
  }
  return out;
}

export function parseFilterPattern(source: string): FilterPattern {
  const text = source.trim();
  if (text === '') return { kind: 'all' };
  if (text.startsWith('{')) return parseJson(new TokenStream(tokenize(text)));
  if (text.startsWith('[')) return parseSpace(new TokenStream(tokenize(text)));
  return parseTerms(text);
}
