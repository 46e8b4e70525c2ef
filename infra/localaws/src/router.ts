/**
 * Decides which service a request is for and who is calling. Like AWS behind one endpoint, the only
 * reliable signal for awsQuery services (CloudFormation and STS are both `POST /` with form bodies) and
 * for S3's REST requests is the SigV4 credential scope; JSON services add X-Amz-Target.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Who a request acts as, beyond its account: set for temporary credentials from STS AssumeRole. */
export interface Principal {
  arn: string;
  userId: string;
}

export interface RouteInfo {
  service: string;
  region: string;
  accessKeyId: string;
  account: string;
  /** X-Amz-Target, when the client speaks a JSON protocol */
  target?: string;
  /** the assumed role, when the access key is a session's */
  principal?: Principal;
  /** the access key belongs to a session that has expired: every operation answers ExpiredToken */
  expired?: boolean;
}

/** Resolves temporary (ASIA…) access keys to the account and role they act as; the STS model implements it. */
export interface SessionLookup {
  lookup(accessKeyId: string): { account: string; principal: Principal; expired: boolean } | undefined;
}

const DEFAULT_ACCOUNT = '000000000000';
const SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;
// Presigned URLs carry the scope in the query string instead of the Authorization header.
const QUERY_SCOPE = /[?&]X-Amz-Credential=([^/&]+)%2F(\d{8})%2F([^%&]+)%2F([^%&]+)%2Faws4_request/i;

/** Returns undefined when the request carries no usable SigV4 signature. */
export function routeRequest(headers: IncomingHttpHeaders, sessions?: SessionLookup, url = ''): RouteInfo | undefined {
  const auth = headers.authorization;
  const match = (typeof auth === 'string' ? SCOPE.exec(auth) : null) ?? QUERY_SCOPE.exec(url);
  if (!match) return undefined;
  const [, accessKeyId = '', , region = 'us-east-1', service = ''] = match;
  const target = headers['x-amz-target'];
  const route: RouteInfo = {
    service,
    region,
    accessKeyId,
    // A 12-digit access key id doubles as the account, so tests can act as several accounts.
    account: /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT,
    target: typeof target === 'string' ? target : undefined,
  };
  // Session keys first: an assumed role acts in the role's account, not the caller's.
  const session = sessions?.lookup(accessKeyId);
  if (session) Object.assign(route, session);
  return route;
}
