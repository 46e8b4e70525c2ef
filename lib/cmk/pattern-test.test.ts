import { describe, expect, it } from 'vitest';
import { linesOf, patternTestBody, PATTERN_TEST_LIMITS, usableSampleLines } from './pattern-test';

describe('patternTestBody', () => {
  const ok = { filterPattern: '{ $.type = "TaskFailed" }', lines: ['{"type":"TaskFailed"}'] };

  it('accepts a pattern and up to 50 lines', () => {
    expect(patternTestBody.safeParse(ok).success).toBe(true);
    expect(patternTestBody.safeParse({ ...ok, lines: Array(50).fill('x') }).success).toBe(true);
  });

  it.each([
    ['51 lines', { ...ok, lines: Array(51).fill('x') }, /at most 50 log lines/],
    ['no lines', { ...ok, lines: [] }, /at least one log line/],
    ['an empty line', { ...ok, lines: [''] }, /must not be empty/],
    ['a pattern over 1 KB', { ...ok, filterPattern: 'é'.repeat(513) }, /at most 1024 bytes/],
    ['a line over 8 KB', { ...ok, lines: ['x'.repeat(8 * 1024 + 1)] }, /at most 8 KB/],
    ['an unknown field', { ...ok, extra: 1 }, /extra/],
  ])('refuses %s with a clear message', (_, body, message) => {
    const parsed = patternTestBody.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });
});

describe('linesOf / usableSampleLines', () => {
  it('drops blank lines and trailing spaces', () => {
    expect(linesOf('a  \n\n  \r\nb')).toEqual(['a', 'b']);
  });

  it('keeps the newest lines within the limits', () => {
    const lines = [...Array(60).keys()].map(String);
    expect(usableSampleLines(lines)).toHaveLength(PATTERN_TEST_LIMITS.maxLines);
    expect(usableSampleLines(lines).at(-1)).toBe('59');
    expect(usableSampleLines(['ok', 'x'.repeat(9000), 'two\nlines'])).toEqual(['ok']);
  });
});
