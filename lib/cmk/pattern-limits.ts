/**
 * Limits of the metric-filter pattern tester. TestMetricFilter itself takes 1–50 lines and a pattern of up to
 * 1024 characters; tapdeck also bounds each line, so the whole request stays small. The form and the route
 * handler share these, so the page says the same thing the server would. Kept apart from the request schema
 * (./pattern-test.ts) so the browser's form gets them without zod.
 */
export const PATTERN_TEST_LIMITS = {
  maxLines: 50,
  maxPatternBytes: 1024,
  maxLineBytes: 8 * 1024,
} as const;

export const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** The textarea's text as the lines to test: one per line, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

/** Sample lines the tester can send as they are: the ones within the per-line limit, at most maxLines. */
export function usableSampleLines(lines: string[]): string[] {
  return lines
    .filter((line) => line.trim() !== '' && !/[\r\n]/.test(line) && byteLength(line) <= PATTERN_TEST_LIMITS.maxLineBytes)
    .slice(-PATTERN_TEST_LIMITS.maxLines);
}
