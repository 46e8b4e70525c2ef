/** The filter-pattern engine alone: terms, JSON, space-delimited and errors. */
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, PatternError } from '../src/services/logs/filter-pattern';

const matches = (pattern: string, message: string) => compileFilterPattern(pattern).test(message) !== undefined;

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
    objectList: [
      { name: 'a', id: 1 },
      { name: 'b', id: 2 },
    ],
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
  it.each([
    '{ $.a = ',
    '{ $.a = 1',
    '{ a = 1 }',
    '{ $.a > "x" }',
    '{ $.a IS MAYBE }',
    '{ $.a = 1 } extra',
    '{ ($.a = 1 }',
    '{ $.a = 1 & $.b = 2 }',
    '[a, b',
    '[a, b] x',
    '"unterminated',
    '%[%',
    '{ $..a = 1 }',
    'ERROR {',
  ])('%j is refused', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(PatternError);
  });
});
