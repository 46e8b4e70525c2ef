import { config } from '@/lib/config';
import type { AwsCallError } from './client-config';

/**
 * What anyone may read about a failed AWS call: the error code and a plain sentence. AWS's own messages name
 * ARNs, account ids and principals, so they go to the server log and to those allowed `read-full-errors` only.
 */
export interface ExplainedError {
  code: string;
  sentence: string;
}

/** Where tapdeck sends its calls; the endpoint is configuration, not a secret, and it is what an operator fixes. */
export interface AwsTarget {
  endpoint?: string;
  region: string;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const UNRECOGNISED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
]);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'NetworkingError',
]);
const SERVER_SIDE = new Set([
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

/** The code and a sentence for an AWS failure; never the service's message. */
export function explainAwsError(
  error: AwsCallError,
  target: AwsTarget = { endpoint: config.endpoint, region: config.region },
): ExplainedError {
  // The code is the SDK's error class name or Node's errno code; anything else is not shown as-is.
  const code = /^[A-Za-z0-9_.-]{1,64}$/.test(error.code) ? error.code : 'Unknown';
  const op = error.operation;
  const sentence = (() => {
    if (ACCESS_DENIED.has(code))
      return `AWS refused ${op}: tapdeck's credentials lack the permission (the TapStack's read-only policy lists what it needs).`;
    if (THROTTLED.has(code)) return `AWS is throttling ${op}; tapdeck backs off and tries again.`;
    if (EXPIRED.has(code))
      return "tapdeck's AWS credentials have expired; refresh them (for example `aws sso login`) and reload.";
    if (UNRECOGNISED.has(code)) return "AWS does not recognise tapdeck's access key; check the credentials tapdeck runs with.";
    if (code === 'CredentialsProviderError')
      return 'tapdeck found no AWS credentials; set AWS_PROFILE or an access key and restart it.';
    if (code === 'ValidationError') return `AWS rejected the ${op} request as invalid.`;
    if (code === 'ResourceNotFoundException') return `${op} asked for something that does not exist (any more).`;
    if (NETWORK.has(code)) return `tapdeck cannot reach AWS at ${target.endpoint ?? `its ${target.region} endpoints`}.`;
    if (SERVER_SIDE.has(code) || (error.httpStatus !== undefined && error.httpStatus >= 500)) {
      return `AWS had a problem on its side answering ${op}; tapdeck tries again.`;
    }
    return `AWS answered ${op} with ${code}.`;
  })();
  return { code, sentence };
}

/** The text a viewer sees: AWS's full message for those allowed to read it, otherwise `code: sentence`. */
export function describeAwsError(error: AwsCallError, fullErrors: boolean, target?: AwsTarget): string {
  if (fullErrors) return error.message;
  const { code, sentence } = explainAwsError(error, target);
  return `${code}: ${sentence}`;
}
