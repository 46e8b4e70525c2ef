import { AwsCallError } from '@/lib/aws/client-config';

/** AWS error codes that mean "later": answered 503 (with Retry-After); anything else AWS refuses is a 502. */
export const RETRY_LATER =
  /^(Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|ServiceUnavailable|InternalFailure|InternalError|SlowDown)$/;

/**
 * An AWS failure as everyone may read it: the operation, AWS's error code and what to do, without the SDK's
 * message (which names ARNs, principals and accounts: only `read-full-errors` gets that, in the answer to their
 * own request, and the server log always has it).
 */
export function describeAwsFailure(error: AwsCallError): string {
  const { operation, code } = error;
  if (RETRY_LATER.test(code)) return `AWS could not take the ${operation} call just now (${code}); try again in a minute.`;
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/.test(code))
    return `tapdeck's AWS credentials may not call ${operation} (${code}).`;
  return `AWS refused ${operation} (${code}).`;
}

/** What a request records about a failure (lastError, outcome, the audit entry): never an SDK message. */
export function failureText(error: unknown): string {
  if (error instanceof AwsCallError) return describeAwsFailure(error);
  return error instanceof Error ? error.message : String(error);
}
