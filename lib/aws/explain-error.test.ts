import { describe, expect, it } from 'vitest';
import { AwsCallError } from './client-config';
import { describeAwsError, explainAwsError } from './explain-error';

const local = { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' };
const secret =
  'User: arn:aws:sts::123456789012:assumed-role/tapdeck/i-0abc is not authorized to perform: cloudformation:DescribeStacks';
const fail = (code: string, message = secret, status?: number) => new AwsCallError('DescribeStacks', code, message, status);

describe('explainAwsError', () => {
  it.each([
    ['AccessDenied', /AWS refused DescribeStacks/],
    ['AccessDeniedException', /lack the permission/],
    ['UnauthorizedOperation', /lack the permission/],
    ['Throttling', /AWS is throttling DescribeStacks/],
    ['ThrottlingException', /throttling/],
    ['TooManyRequestsException', /throttling/],
    ['RequestLimitExceeded', /throttling/],
    ['ExpiredToken', /credentials have expired/],
    ['ExpiredTokenException', /credentials have expired/],
    ['InvalidClientTokenId', /does not recognise/],
    ['UnrecognizedClientException', /does not recognise/],
    ['ValidationError', /rejected the DescribeStacks request as invalid/],
    ['ResourceNotFoundException', /does not exist/],
    ['InternalFailure', /problem on its side/],
    ['ServiceUnavailable', /problem on its side/],
    ['ECONNREFUSED', /^tapdeck cannot reach AWS at http:\/\/127\.0\.0\.1:4566\.$/],
    ['ENOTFOUND', /cannot reach AWS at http:\/\/127\.0\.0\.1:4566/],
    ['TimeoutError', /cannot reach AWS/],
  ])('explains %s in a sentence that names no ARN or account', (code, sentence) => {
    const explained = explainAwsError(fail(code), local);
    expect(explained.code).toBe(code);
    expect(explained.sentence).toMatch(sentence);
    expect(explained.sentence).not.toMatch(/arn:|123456789012/);
  });

  it('calls any 5xx a problem on AWS side, and anything else by its code', () => {
    expect(explainAwsError(fail('SomethingOdd', secret, 503), local).sentence).toMatch(/problem on its side/);
    expect(explainAwsError(fail('SomethingOdd', secret, 400), local)).toEqual({
      code: 'SomethingOdd',
      sentence: 'AWS answered DescribeStacks with SomethingOdd.',
    });
  });

  it('says which region it could not reach when no endpoint is set', () => {
    expect(explainAwsError(fail('ECONNRESET'), { region: 'eu-west-1' }).sentence).toBe(
      'tapdeck cannot reach AWS at its eu-west-1 endpoints.',
    );
  });

  it('does not repeat a code that is not a plain identifier', () => {
    expect(explainAwsError(fail('arn:aws:iam::123456789012:x y'), local).code).toBe('Unknown');
  });
});

describe('describeAwsError', () => {
  it('gives the full message to those allowed and `code: sentence` to everyone else', () => {
    const error = fail('AccessDenied');
    expect(describeAwsError(error, true, local)).toBe(`DescribeStacks failed: ${secret}`);
    expect(describeAwsError(error, false, local)).toMatch(/^AccessDenied: AWS refused DescribeStacks/);
    expect(describeAwsError(error, false, local)).not.toContain('123456789012');
  });
});

describe('AwsCallError.from', () => {
  it('keeps Node network codes and the HTTP status', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    expect(AwsCallError.from('DescribeStacks', refused)).toMatchObject({ code: 'ECONNREFUSED' });
    const both = Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' });
    expect(AwsCallError.from('DescribeStacks', both)).toMatchObject({
      code: 'ECONNREFUSED',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
    expect(AwsCallError.from('DescribeStacks', throttled)).toMatchObject({ code: 'Throttling', httpStatus: 400 });
  });
});
