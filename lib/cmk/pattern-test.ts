import { z } from 'zod';

/**
 * Limits of the metric-filter pattern tester. TestMetricFilter itself takes 1–50 lines and a pattern of up to
 * 1024 characters; tapdeck also bounds each line, so the whole request stays small. The form and the route
 * handler share these, so the page says the same thing the server would.
 */
export const PATTERN_TEST_LIMITS = {
  maxLines: 50,
  maxPatternBytes: 1024,
  maxLineBytes: 8 * 1024,
} as const;

/** The largest body the route accepts: every line at its limit, the pattern, and JSON's quoting. */
export const PATTERN_TEST_MAX_BODY_BYTES = 512 * 1024;

const byteLength = (text: string) => new TextEncoder().encode(text).length;

export const patternTestBody = z
  .object({
    filterPattern: z.string().refine((p) => byteLength(p) <= PATTERN_TEST_LIMITS.maxPatternBytes, {
      message: `the pattern must be at most ${PATTERN_TEST_LIMITS.maxPatternBytes} bytes`,
    }),
    lines: z
      .array(
        z
          .string()
          .min(1, 'a log line must not be empty')
          .refine((line) => byteLength(line) <= PATTERN_TEST_LIMITS.maxLineBytes, {
            message: `each log line must be at most ${PATTERN_TEST_LIMITS.maxLineBytes / 1024} KB`,
          }),
      )
      .min(1, 'give at least one log line')
      .max(PATTERN_TEST_LIMITS.maxLines, `give at most ${PATTERN_TEST_LIMITS.maxLines} log lines`),
  })
  .strict();

export type PatternTestBody = z.infer<typeof patternTestBody>;

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
