/** Tokens of JSON (`{ … }`) and space-delimited (`[ … ]`) filter patterns. */
import { PatternError } from './ast';

export type TokenKind = 'punct' | 'op' | 'logic' | 'ellipsis' | 'string' | 'selector' | 'word';

export interface Token {
  kind: TokenKind;
  text: string;
  at: number;
}

const PUNCT = new Set(['{', '}', '(', ')', '[', ']', ',']);
// A bare word ends at white space or at anything with a meaning of its own.
const WORD_END = /[\s{}()[\],=!<>&|"]/;

function readString(source: string, start: number): { text: string; end: number } {
  let text = '';
  for (let i = start + 1; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length) {
      text += source[++i];
    } else if (ch === '"') {
      return { text, end: i + 1 };
    } else {
      text += ch;
    }
  }
  throw new PatternError(`unterminated string at ${start}`);
}

function readSelector(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (/[A-Za-z0-9_.$\-]/.test(ch)) i++;
    else if (ch === '[' && /^\[(\d+|\*)\]/.test(source.slice(i))) i = source.indexOf(']', i) + 1;
    else break;
  }
  return i;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const two = source.slice(i, i + 2);
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCT.has(ch)) {
      tokens.push({ kind: 'punct', text: ch, at: i++ });
    } else if (two === '&&' || two === '||') {
      tokens.push({ kind: 'logic', text: two, at: i });
      i += 2;
    } else if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two, at: i });
      i += 2;
    } else if (ch === '=' || ch === '<' || ch === '>') {
      tokens.push({ kind: 'op', text: ch, at: i++ });
    } else if (source.startsWith('...', i)) {
      tokens.push({ kind: 'ellipsis', text: '...', at: i });
      i += 3;
    } else if (ch === '"') {
      const { text, end } = readString(source, i);
      tokens.push({ kind: 'string', text, at: i });
      i = end;
    } else if (ch === '$') {
      const end = readSelector(source, i);
      tokens.push({ kind: 'selector', text: source.slice(i, end), at: i });
      i = end;
    } else if (ch === '!' || ch === '&' || ch === '|') {
      throw new PatternError(`unexpected '${ch}' at ${i}`);
    } else {
      let end = i;
      while (end < source.length && !WORD_END.test(source[end]!)) end++;
      tokens.push({ kind: 'word', text: source.slice(i, end), at: i });
      i = end;
    }
  }
  return tokens;
}
