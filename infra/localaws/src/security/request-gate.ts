/**
 * Only the local user can drive localaws. It has no authentication (any SigV4 key is accepted), so the threat is a
 * web page in the user's browser: a cross-site form or `<img>` that changes state (CSRF), or a page on a name the
 * attacker controls re-resolved to 127.0.0.1 that reads everything (DNS rebinding). Real clients — the AWS SDKs,
 * the AWS CLI, the CDK CLI, boto3, curl — send neither `Origin` nor `Sec-Fetch-*`, and use a loopback Host. So:
 *
 * 1. Host must be a loopback name or address (`localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`, any port), or one
 *    the server was told to accept (`allowedHosts`; with `allowRemote`, also any IP literal, which cannot be rebound).
 * 2. No `Origin` header at all: localaws serves no pages, so no browser request to it is same-origin, and a loopback
 *    Origin is just another local site (any dev server on another port).
 * 3. `Sec-Fetch-Site`, when sent, must be `same-origin` or `none` (a typed URL); `cross-site`/`same-site` are refused.
 * 4. The AWS API refuses any browser request (any `Sec-Fetch-*` header): no navigation, `<img>` or form reaches it.
 * 5. awsQuery services accept only POST, or GET for reads (Get*, Describe*, List*): the `<img>` that would
 *    `GET /?Action=CreateStack` from a browser without Fetch Metadata is refused too.
 *
 * The admin API adds its own header requirement (admin.ts): a custom header forces a CORS preflight, which
 * localaws never allows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { ADMIN_PREFIX } from '../admin';
import { AwsError } from '../errors';
import { renderJsonError } from '../protocols/aws-json';
import { renderQueryError } from '../protocols/aws-query';
import { renderRestError } from '../protocols/rest-xml';
import { routeRequest } from '../router';
import type { AwsService } from '../services/types';

export interface GatePolicy {
  /** Host header names accepted besides loopback ones: exact names, `*.suffix`, or `*` for any */
  allowedHosts?: string[];
  /** the server listens beyond loopback on purpose: IP-literal Hosts are accepted too */
  allowRemote?: boolean;
}

export interface Refusal {
  /** which rule refused it, for tests and logs */
  rule: 'host' | 'origin' | 'fetch-site' | 'browser' | 'query-get';
  message: string;
}

/** Splits `name:port`, `[v6]:port` or a bare name; lower-cased, without brackets or a trailing dot. */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return bracketed[1]!;
  const name = /^([^:]+)(?::\d+)?$/.exec(trimmed)?.[1] ?? trimmed;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** `localhost`, `*.localhost`, 127.0.0.0/8, ::1 (and ::ffff:127.x.x.x). */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || name === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(name);
  return false;
}

function hostAllowed(header: string | undefined, policy: GatePolicy): boolean {
  if (!header) return false;
  const name = hostName(header);
  if (isLoopbackName(name)) return true;
  if (policy.allowRemote && isIP(name) !== 0) return true;
  return (policy.allowedHosts ?? []).some((pattern) => {
    const p = pattern.trim().toLowerCase();
    if (p === '*') return true;
    return p.startsWith('*.') ? name.endsWith(p.slice(1)) : name === p;
  });
}

const READ_ACTION = /^(Get|Describe|List)/;

/** The query string's Action, without URL parsing that throws (`//host`-like paths, bad escapes). */
function queryActionOf(url: string): string | null {
  const query = url.indexOf('?');
  if (query < 0) return null;
  try {
    return new URLSearchParams(url.slice(query + 1)).get('Action');
  } catch {
    return null;
  }
}

/** The rule a request breaks, or undefined when it may go on. Pure: the unit tests drive it with plain headers. */
export function checkRequest(
  req: Pick<IncomingMessage, 'headers' | 'method' | 'url'>,
  policy: GatePolicy = {},
  restServices: ReadonlySet<string> = new Set(['s3']),
): Refusal | undefined {
  const { headers } = req;
  if (!hostAllowed(headers.host, policy)) {
    return {
      rule: 'host',
      message: `Host "${headers.host ?? ''}" is not a loopback address; localaws only answers requests addressed to this machine (see --allowed-hosts)`,
    };
  }
  if (headers.origin !== undefined)
    return { rule: 'origin', message: 'localaws refuses requests with an Origin header: browsers may not drive it' };
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return { rule: 'fetch-site', message: `localaws refuses ${String(site)} browser requests` };
  const url = req.url ?? '/';
  if (url.startsWith(ADMIN_PREFIX)) return undefined;
  // What only a browser sends: a navigation, an <img>/<script>/<form> load (no-cors) or a destination. Node's and
  // other runtimes' fetch send `Sec-Fetch-Mode: cors` with no Origin, like any CLI client, and stay allowed; a
  // browser's cors fetch from another site carries an Origin and was refused above.
  const mode = headers['sec-fetch-mode'];
  if (headers['sec-fetch-dest'] !== undefined || (mode !== undefined && mode !== 'cors' && mode !== 'same-origin')) {
    return { rule: 'browser', message: 'the AWS API of localaws does not answer browsers' };
  }
  if (req.method !== 'POST' && headers['x-amz-target'] === undefined) {
    const service = routeRequest(headers, undefined, url)?.service;
    const action = queryActionOf(url);
    if (!(service && restServices.has(service)) && action !== null && !READ_ACTION.test(action)) {
      return { rule: 'query-get', message: `${action} must be sent as a POST` };
    }
  }
  return undefined;
}

/** Answers a refusal with a 403 in the protocol the request speaks, or plain JSON `{ error }` when it cannot be told. */
export function sendRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: Refusal,
  services: AwsService[],
  requestId: string,
): void {
  const url = req.url ?? '/';
  const route = url.startsWith(ADMIN_PREFIX) ? undefined : routeRequest(req.headers, undefined, url);
  const service = services.find((s) => s.signingName === route?.service);
  let reply: { status: number; headers: Record<string, string>; body: string | Buffer };
  if (route?.target) {
    reply = renderJsonError(service?.json, new AwsError('AccessDeniedException', refusal.message, 403));
  } else if (service?.rest) {
    reply = renderRestError(new AwsError('AccessDenied', refusal.message, 403), requestId, req.method ?? 'GET');
  } else if (route) {
    const body = renderQueryError(service?.query?.xmlNamespace, new AwsError('AccessDenied', refusal.message, 403), requestId);
    reply = { status: 403, headers: { 'content-type': 'text/xml' }, body };
  } else {
    reply = { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: refusal.message }) };
  }
  // No Access-Control-* header, ever: a browser that asked (a preflight included) is blocked from reading this.
  res.writeHead(reply.status, { ...reply.headers, 'x-amzn-requestid': requestId, connection: 'close' });
  res.end(reply.body);
  // The body of a refused request is never read; drop it rather than keep the socket busy.
  req.resume();
}

/** The one call at the top of the request handler: true when the request was refused (and answered). */
export function gateRequest(
  req: IncomingMessage,
  res: ServerResponse,
  policy: GatePolicy | undefined,
  services: AwsService[],
  requestId: string,
): boolean {
  const restServices = new Set(services.filter((s) => s.rest).map((s) => s.signingName));
  const refusal = checkRequest(req, policy, restServices);
  if (!refusal) return false;
  sendRefusal(req, res, refusal, services, requestId);
  return true;
}
