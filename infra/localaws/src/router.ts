/**
 * Decides which service a request is for. Like AWS behind one endpoint, the only reliable signal
 * for awsQuery services (CloudFormation and STS are both `POST /` with form bodies) is the SigV4
 * credential scope; JSON services add X-Amz-Target.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface RouteInfo {
  service: string;
  region: string;
  accessKeyId: string;
  account: string;
  /** X-Amz-Target, when the client speaks a JSON protocol */
  target?: string;
}

const DEFAULT_ACCOUNT = '000000000000';
const SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** Returns undefined when the request carries no usable SigV4 Authorization header. */
export function routeRequest(headers: IncomingHttpHeaders): RouteInfo | undefined {
  const auth = headers.authorization;
  const match = typeof auth === 'string' ? SCOPE.exec(auth) : null;
  if (!match) return undefined;
  const [, accessKeyId = '', , region = 'us-east-1', service = ''] = match;
  const target = headers['x-amz-target'];
  return {
    service,
    region,
    accessKeyId,
    // A 12-digit access key id doubles as the account, so tests can act as several accounts.
    account: /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT,
    target: typeof target === 'string' ? target : undefined,
  };
}
