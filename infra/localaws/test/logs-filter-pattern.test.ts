/** The filter-pattern engine alone: terms, JSON, space-delimited, errors, and the TapStack's own patterns. */
import { describe, expect, it } from 'vitest';
import { ERRORS_PATTERN, THROTTLES_PATTERN } from '../../lib/tap-alarms';
import { compileFilterPattern, PatternError } from '../src/services/logs/filter-pattern';

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

describe('term patterns', () => {
  it.each([
    ['', 'anything at all', true],
    ['ERROR', '[ERROR] disk full', true],
    ['ERROR', 'error: disk full', false],
    ['ERROR Exception', 'ERROR in Exception handler', true],
    ['ERROR Exception', 'ERROR only', false],
    ['"Out of memory"', 'ERROR Out of memory in worker', true],
    ['"Out of memory"', 'Out of disk memory', false],
    ['ERROR -Exiting', 'ERROR while reading', true],
    ['ERROR -Exiting', 'ERROR Exiting now', false],
    ['?ERROR ?WARN', 'WARN low disk', true],
    ['?ERROR ?WARN', 'INFO fine', false],
    ['%ERR[0-9]+%', 'code ERR42 seen', true],
    ['%ERR[0-9]+%', 'code ERR seen', false],
    ['"[ERROR]" "user=alice"', '[ERROR] login failed user=alice', true],
  ])('%j on %j → %s', (pattern, message, expected) => {
    expect(matches(pattern, message)).toBe(expected);
  });
});

describe('JSON patterns', () => {
  const event = JSON.stringify({
    eventType: 'UpdateTrail',
    sourceIPAddress: '123.123.123.123',
    arrayKey: ['value', 'another value'],
    objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
    SomeObject: null,
    ThisFlag: true,
    Other: false,
    latency: 250,
    code: '503',
    user: { id: 1, email: 'John.Doe@example.com' },
  });
  it.each([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.eventType = UpdateTrail }', true],
    ['{ $.eventType = "updatetrail" }', false],
    ['{ $.eventType != "UpdateTrail" }', false],
    ['{ $.sourceIPAddress != 123.123.* }', false],
    ['{ $.sourceIPAddress != 123.124.* }', true],
    ['{ $.sourceIPAddress != "*.123" }', false],
    ['{ $.sourceIPAddress != "*.124" }', true],
    ['{ ($.sourceIPAddress != "*.124") && ($.sourceIPAddress != "*.125") }', true],
    ['{ $.missing != "*x" }', false],
    ['{ $.sourceIPAddress = 123.123.* }', true],
    ['{ $.sourceIPAddress = "*.123" }', true],
    ['{ $.user.email = "*@example.com" }', true],
    ['{ $.latency > 100 }', true],
    ['{ $.latency <= 100 }', false],
    ['{ $.latency = 250 }', true],
    ['{ $.code >= 500 }', true],
    ['{ $.arrayKey[0] = "value" }', true],
    ['{ $.objectList[1].id = 2 }', true],
    ['{ $.objectList[5].id = 2 }', false],
    ['{ $.arrayKey = "value" }', false],
    ['{ $.user = "*" }', false],
    ['{ $.SomeObject IS NULL }', true],
    ['{ $.latency IS NULL }', false],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.latency NOT EXISTS }', false],
    ['{ $.ThisFlag IS TRUE }', true],
    ['{ $.Other IS FALSE }', true],
    ['{ $.Other IS TRUE }', false],
    ['{ $.missing = "x" }', false],
    ['{ $.missing != "x" }', false],
    ['{ ($.user.id = 2 && $.latency > 1) || $.eventType = "UpdateTrail" }', true],
    ['{ $.user.id = 2 && ($.latency > 1 || $.eventType = "UpdateTrail") }', false],
    ['{ $.user.id = 1 && $.latency > 1 || $.user.id = 9 }', true],
    ['{ $.user.id = 9 || $.user.id = 1 && $.latency > 1000 }', false],
  ])('%s → %s', (pattern, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('never matches a message that is not a JSON object', () => {
    expect(matches('{ $.a = 1 }', 'a=1')).toBe(false);
    expect(matches('{ $.a = 1 }', '[1]')).toBe(false);
  });
});

describe('space-delimited patterns', () => {
  const line = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 404 1534';
  it.each([
    ['[ip, identity, user, timestamp, request, status_code, bytes]', true],
    ['[ip, identity, user, timestamp, request, status_code = 404, bytes]', true],
    ['[ip, identity, user, timestamp, request, status_code = 4*, bytes > 1000]', true],
    ['[ip, identity, user, timestamp, request, status_code = 200, bytes]', false],
    ['[ip, ..., status_code = 404, bytes]', true],
    ['[..., status_code = 5* || status_code = 4*, bytes]', true],
    ['[ip, user]', false],
    ['[ip = 127.0.0.1, ...]', true],
    ['[ip != 127.0.0.1, ...]', false],
    ['[..., bytes < 1000]', false],
  ])('%s → %s', (pattern, expected) => {
    expect(matches(pattern, line)).toBe(expected);
  });

  it('extracts named fields as $name', () => {
    const outcome = compileFilterPattern('[ip, identity, user, ..., status, size]').test(line);
    expect(outcome?.extracted).toMatchObject({ $ip: '127.0.0.1', $user: 'frank', $status: '404', $size: '1534' });
    expect(outcome?.lookup('$size')).toBe('1534');
  });
});

describe('malformed patterns', () => {
  it.each(['{ $.a = ', '{ $.a = 1', '{ a = 1 }', '{ $.a > "x" }', '{ $.a IS MAYBE }', '{ $.a = 1 } extra', '{ ($.a = 1 }', '{ $.a = 1 & $.b = 2 }', '[a, b', '[a, b] x', '"unterminated', '%[%', '{ $..a = 1 }', 'ERROR {'])('%j is refused', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(PatternError);
  });
});
