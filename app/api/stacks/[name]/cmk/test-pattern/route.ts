import { AwsCallError } from '@/lib/aws/client-config';
import { testMetricFilter } from '@/lib/aws/logs';
import { PATTERN_TEST_MAX_BODY_BYTES, patternTestBody } from '@/lib/cmk/pattern-test';
import { json, parseStackName, readBody, withUser } from '@/lib/promotion/http';
import { problem } from '@/lib/auth/guard';

type Ctx = { params: Promise<{ name: string }> };

/**
 * Tests a metric-filter pattern against sample log lines with CloudWatch Logs TestMetricFilter: 200
 * `{ matches: [{ lineNumber, message, extractedValues }] }`. It changes nothing, so every signed-in role may use it;
 * it is still a POST behind the guard (cross-site requests refused) with bounded input: 400 for a pattern over
 * 1 KB, more than 50 lines or a line over 8 KB, and for a pattern CloudWatch Logs cannot parse.
 */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'read', async () => {
    const name = parseStackName((await ctx.params).name);
    if (!name.ok) return name.response;
    const body = await readBody(request, patternTestBody, PATTERN_TEST_MAX_BODY_BYTES);
    if (!body.ok) return body.response;
    try {
      return json({ matches: await testMetricFilter(body.value.filterPattern, body.value.lines) });
    } catch (error) {
      // CloudWatch Logs' own refusal of the input (an unparsable pattern) is the user's to fix, not a 502.
      if (error instanceof AwsCallError && /InvalidParameter/.test(error.code))
        return problem(
          400,
          'InvalidPattern',
          `CloudWatch Logs refused the pattern: ${error.message.replace(/^TestMetricFilter failed: /, '')}`,
        );
      throw error;
    }
  });
}
