/** STS errors with the codes, statuses and texts AWS answers. */
import { AwsError } from '../../errors';

export class AccessDeniedError extends AwsError {
  constructor(message: string) {
    super('AccessDenied', message, 403);
  }
}

/** Requests signed with an expired session's keys; each protocol family names the error its own way. */
export function expiredTokenError(protocol: 'query' | 'json' | 'rest'): AwsError {
  if (protocol === 'rest') return new AwsError('ExpiredToken', 'The provided token has expired.', 400);
  if (protocol === 'json')
    return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400);
  return new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);
}
