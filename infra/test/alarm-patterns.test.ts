/** The TapStack's Errors and Throttles patterns through localaws's filter-pattern engine: which events each counts. */
import { describe, expect, it } from 'vitest';
import { ERRORS_PATTERN, THROTTLES_PATTERN } from '../lib/tap-alarms';
import { compileFilterPattern } from 'localaws';

const matches = (pattern: string, message: string) => compileFilterPattern(pattern).test(message) !== undefined;

/** A Step Functions execution log event as aws-behaviour.md describes it (JSON, string values). */
function sfnEvent(type: string, details: Record<string, string> = {}): string {
  return JSON.stringify({
    id: '7',
    type,
    details,
    previous_event_id: '6',
    event_timestamp: '1764288000000',
    execution_arn: 'arn:aws:states:us-east-1:000000000000:execution:TapStack-dev-workflow:run-1',
    redrive_count: '0',
  });
}

describe('TapStack patterns (infra/lib/tap-alarms.ts)', () => {
  // A task failure is an error or a throttle, never both: a throttle the Retry absorbed must not page on-call.
  const cases: Array<[string, string | undefined, boolean, boolean]> = [
    // event, error (undefined: details without one), [errors?, throttles?]
    ['ExecutionFailed', '', true, false],
    ['ExecutionFailed', 'Sts.ThrottlingException', true, false],
    ['ExecutionTimedOut', '', true, false],
    ['ExecutionAborted', '', true, false],
    ['TaskFailed', 'States.Timeout', true, false],
    ['TaskFailed', 'ThrottlingException', false, true],
    ['TaskFailed', 'Sts.ThrottlingException', false, true],
    ['TaskFailed', 'Lambda.TooManyRequestsException', false, true],
    ['TaskFailed', 'DynamoDb.ProvisionedThroughputExceededException', true, false],
    ['TaskFailed', 'S3.SlowDownException', false, true],
    ['TaskFailed', 'Kinesis.LimitExceededException', false, true],
    ['TaskFailed', 'S3.NoSuchBucketException', true, false],
    ['TaskFailed', 'S3.AccessDeniedException', true, false],
    ['TaskFailed', 'ThrottlingException.Unrelated', true, false],
    ['TaskFailed', 'States.TaskFailed', true, false],
    ['TaskFailed', undefined, true, false],
    ['TaskSucceeded', '', false, false],
    ['ExecutionSucceeded', '', false, false],
    ['ExecutionStarted', '', false, false],
    ['TaskStateEntered', '', false, false],
    ['FailStateEntered', 'States.Timeout', false, false],
  ];
  it.each(cases)('%s %s → errors %s, throttles %s', (type, error, errors, throttles) => {
    const details: Record<string, string> =
      error === undefined ? { cause: 'no error name' } : error ? { error, cause: 'something went wrong' } : { name: 'Process' };
    const message = sfnEvent(type, details);
    expect(matches(ERRORS_PATTERN, message)).toBe(errors);
    expect(matches(THROTTLES_PATTERN, message)).toBe(throttles);
  });

  it('a throttle on something other than a task is not a throttle; non-JSON lines never match', () => {
    expect(matches(THROTTLES_PATTERN, sfnEvent('ExecutionFailed', { error: 'ThrottlingException' }))).toBe(false);
    expect(matches(ERRORS_PATTERN, 'ExecutionFailed TaskFailed')).toBe(false);
  });

  it('extracts the selectors the pattern names', () => {
    const outcome = compileFilterPattern(THROTTLES_PATTERN).test(sfnEvent('TaskFailed', { error: 'ThrottlingException' }));
    expect(outcome?.extracted).toEqual({ '$.type': 'TaskFailed', '$.details.error': 'ThrottlingException' });
  });
});
