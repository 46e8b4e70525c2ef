import { z } from 'zod';
import { byteLength, PATTERN_TEST_LIMITS } from './pattern-limits';

export { linesOf, PATTERN_TEST_LIMITS, usableSampleLines } from './pattern-limits';

/** The largest body the route accepts: every line at its limit, the pattern, and JSON's quoting. */
export const PATTERN_TEST_MAX_BODY_BYTES = 512 * 1024;

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
