import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkPermission } from '@/lib/auth/permission-check';
import { can } from '@/lib/auth/roles';
import { userFromCookieHeader } from '@/lib/auth/session-cookie';
import { config } from '@/lib/config';
import { isValidStackName } from '@/lib/rollout/status';
import { buildCsp, createNonce, reachedOverHttps, STRICT_TRANSPORT_SECURITY } from '@/lib/security/csp';
import { STATIC_SECURITY_HEADERS } from '@/lib/security/static-headers';
import { subscribeToCmkChain } from './cmk-feed';
import { redactCmkMessage } from './cmk-messages';
import { subscribeToFleet } from './fleet-feed';
import { redactFleetMessage } from './fleet-page';
import { writeSse } from './node-sse';
import { subscribeToStackPage } from './stack-feed';
import { redactLiveMessage } from './stack-messages';
import { streamRegistry } from './stream-limits';

/**
 * The three live streams, answered by the server (server.ts) before Next sees the request: a stream held open
 * inside Next's request pipeline costs about 85 KB of server memory by itself (its request/response wrappers,
 * async-local contexts and web-stream adaptation), so 2,000 viewers would need 170 MB for nothing. Everything a
 * route handler did still happens here, in the same order: the method, the session cookie and role
 * (lib/auth/session-cookie.ts, permission-check.ts, as the guard), the stack name (400), the per-user
 * admission (429 with Retry-After), AWS error texts only for `read-full-errors`, and the headers proxy.ts and
 * next.config.js put on every response. Any other path, under these prefixes too, goes on to Next.
 */

export type StreamRoute = { feed: 'stack' | 'cmk'; stackName: string } | { feed: 'fleet' };

const STACK_STREAM = /^\/api\/stacks\/([^/]+)\/stream$/;
const CMK_STREAM = /^\/api\/stacks\/([^/]+)\/cmk\/stream$/;
const FLEET_STREAM = '/api/fleet/stream';

/** The stream a request path names (the raw path, query ignored), or null for anything Next should answer. */
export function matchStreamRoute(url: string | undefined): StreamRoute | null {
  const path = (url ?? '').split('?', 1)[0]!;
  if (path === FLEET_STREAM) return { feed: 'fleet' };
  const stack = STACK_STREAM.exec(path);
  if (stack) return { feed: 'stack', stackName: decodeSegment(stack[1]!) };
  const cmk = CMK_STREAM.exec(path);
  if (cmk) return { feed: 'cmk', stackName: decodeSegment(cmk[1]!) };
  return null;
}

/** Takes the request when it is one of the streams (and answers it); false: hand it to Next. */
export function handleStreamRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const route = matchStreamRoute(req.url);
  if (!route) return false;
  serveStream(req, res, route).catch((error: unknown) => {
    console.error(`tapdeck: ${req.method} ${req.url} failed`, error);
    if (!res.headersSent)
      sendProblem(req, res, 500, 'InternalError', 'The live stream could not start; the server log has the details.');
    else res.destroy();
  });
  return true;
}

/** The fleet counts as one "stack" in the per-user limits; no stack name can contain `*`. */
const FLEET_SLOT = '*fleet';
const ALLOW = 'GET, HEAD, OPTIONS';

async function serveStream(req: IncomingMessage, res: ServerResponse, route: StreamRoute): Promise<void> {
  // As Next answers a route that exports only GET: OPTIONS lists the methods, HEAD runs GET, the rest are 405.
  if (req.method === 'OPTIONS') return sendEmpty(req, res, 204, { Allow: ALLOW });
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendEmpty(req, res, 405, { Allow: ALLOW });

  const check = checkPermission(await userFromCookieHeader(req.headers.cookie), 'read');
  if (!check.ok) return sendProblem(req, res, check.status, check.error, check.message);
  const { user } = check;

  if (route.feed !== 'fleet' && !isValidStackName(route.stackName)) {
    const message = `"${route.stackName}" is not a CloudFormation stack name (letters, digits and hyphens, starting with a letter).`;
    return sendProblem(req, res, 400, 'InvalidStackName', message);
  }

  const admission = streamRegistry().admit(user.id, route.feed === 'fleet' ? FLEET_SLOT : route.stackName, config.streams);
  if (!admission.ok) {
    return sendProblem(req, res, 429, 'TooManyStreams', admission.message, {
      'Retry-After': String(admission.retryAfterSeconds),
    });
  }

  res.writeHead(200, {
    ...securityHeaders(req),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  if (req.method === 'HEAD') {
    // The answer a GET would get, without a stream to hold open.
    admission.release();
    res.end();
    return;
  }
  const fullErrors = can(user.role, 'read-full-errors');
  writeSse(res, { subscribe: (send) => subscribe(route, fullErrors, send), onClose: admission.release });
}

type Send = (event: string, data: unknown) => void;

function subscribe(route: StreamRoute, fullErrors: boolean, send: Send): () => void {
  if (route.feed === 'fleet') return subscribeToFleet((m) => send(m.type, fullErrors ? m : redactedFleet(m)));
  if (route.feed === 'cmk') return subscribeToCmkChain(route.stackName, (m) => send(m.type, fullErrors ? m : redactedCmk(m)));
  return subscribeToStackPage(route.stackName, (m) => send(m.type, fullErrors ? m : redactedStack(m)));
}

/**
 * Redacts each published message once for all its readers, so they share one encoded frame too (sse-frames.ts
 * caches frames by message object; a copy per reader would be encoded per reader).
 */
function once<M extends object>(redact: (message: M) => M): (message: M) => M {
  const done = new WeakMap<M, M>();
  return (message) => {
    let redacted = done.get(message);
    if (!redacted) done.set(message, (redacted = redact(message)));
    return redacted;
  };
}
const redactedFleet = once(redactFleetMessage);
const redactedCmk = once(redactCmkMessage);
const redactedStack = once(redactLiveMessage);

/** What proxy.ts and next.config.js put on every response Next sends: a fresh CSP nonce, the static headers, HSTS over https. */
function securityHeaders(req: IncomingMessage): Record<string, string> {
  const forwarded = req.headers['x-forwarded-proto'];
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const https = reachedOverHttps(encrypted ? 'https:' : 'http:', typeof forwarded === 'string' ? forwarded : undefined);
  const headers: Record<string, string> = {
    'Content-Security-Policy': buildCsp({ nonce: createNonce(), dev: process.env.NODE_ENV === 'development', https }),
  };
  for (const { key, value } of STATIC_SECURITY_HEADERS) headers[key] = value;
  if (https) headers['Strict-Transport-Security'] = STRICT_TRANSPORT_SECURITY;
  return headers;
}

/** The guard's problem shape (lib/auth/guard.ts `problem`): `{ error, message }`, never cached. */
function sendProblem(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  const body = JSON.stringify({ error, message });
  res.writeHead(status, {
    ...securityHeaders(req),
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendEmpty(req: IncomingMessage, res: ServerResponse, status: number, extra: Record<string, string>): void {
  res.writeHead(status, { ...securityHeaders(req), ...extra });
  res.end();
}

/** A path segment as Next hands it to a route's params; one that is not valid percent-encoding stays as sent (and fails the name check). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
