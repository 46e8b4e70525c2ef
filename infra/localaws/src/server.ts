/**
 * The HTTP front door. Every failure becomes an AWS-style error response in the protocol the
 * client spoke; nothing a client sends can crash the process.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ADMIN_PREFIX, handleAdmin, RequestCounter, type AdminExtras } from './admin';
import type { Clock } from './clock';
import type { FaultCall } from './faults';
import { AwsError, InternalFailureError, MalformedQueryStringError } from './errors';
import { renderJsonError } from './protocols/aws-json';
import { renderQueryError } from './protocols/aws-query';
import { serveJson, targetOperation } from './protocols/json-request';
import { queryParams, serveQuery } from './protocols/query-request';
import type { IncomingAwsRequest, Reply } from './protocols/reply';
import { serveRestXml } from './protocols/rest-xml-request';
import { routeRequest, type RouteInfo, type SessionLookup } from './router';
import { expiredTokenError } from './services/sts/errors';
import type { AwsService, RequestContext } from './services/types';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface ServerDeps {
  clock: Clock;
  services: AwsService[];
  counter: RequestCounter;
  log?: (line: string) => void;
  /** STS sessions: temporary access keys act in their role's account */
  sessions?: SessionLookup;
  /** the admin API's reach beyond the counter (faults, clock, state, demo) */
  admin?: AdminExtras;
  /** runs before every operation: fault injection and latency may throw an AwsError or wait */
  beforeInvoke?: (call: FaultCall) => Promise<void> | void;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new MalformedQueryStringError('Request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      // The SDK gzips large bodies (PutMetricData over 10 KB) when the service model allows it.
      if (String(req.headers['content-encoding'] ?? '').toLowerCase() !== 'gzip') return resolve(raw.toString('utf8'));
      try {
        resolve(gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES }).toString('utf8'));
      } catch {
        reject(new MalformedQueryStringError('The request body is not valid gzip'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function toAwsError(error: unknown, deps: ServerDeps): AwsError {
  if (error instanceof AwsError) return error;
  deps.log?.(`localaws: unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
  return new InternalFailureError();
}

async function handleAws(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, requestId: string): Promise<void> {
  const route = routeRequest(req.headers, deps.sessions, req.url);
  const service = deps.services.find((s) => s.signingName === route?.service);
  const invoke = async (svc: AwsService, operation: string, input: unknown) => {
    if (route!.expired) throw expiredTokenError(svc.rest ? 'rest' : route!.target ? 'json' : 'query');
    const ctx: RequestContext = { account: route!.account, region: route!.region, accessKeyId: route!.accessKeyId, requestId, clock: deps.clock, principal: route!.principal };
    await deps.beforeInvoke?.({ service: svc.signingName, operation, account: ctx.account, region: ctx.region, protocol: svc.rest ? 'rest' : route?.target ? 'json' : 'query' });
    return svc.operations[operation]!.handle(input as never, ctx);
  };

  if (service?.rest) {
    const rest = service as AwsService & { rest: NonNullable<AwsService['rest']> };
    return serveRestXml(req, res, rest, invoke, requestId, (operation) => deps.counter.count(rest.signingName, operation), deps.log);
  }

  if (route?.target) {
    const jsonRoute = route as RouteInfo & { target: string };
    deps.counter.count(route.service, targetOperation(route.target));
    try {
      return send(res, await serveJson(jsonRoute, service, await readBody(req), invoke, requestId));
    } catch (error) {
      const reply = renderJsonError(service?.json, toAwsError(error, deps));
      return send(res, { ...reply, headers: { ...reply.headers, 'x-amzn-requestid': requestId } });
    }
  }

  try {
    const request: IncomingAwsRequest = { method: req.method ?? 'GET', url: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body: await readBody(req) };
    let params: Map<string, string>;
    try {
      params = queryParams(request);
    } catch (error) {
      deps.counter.count(route?.service ?? 'unknown', 'MalformedRequest');
      throw error;
    }
    deps.counter.count(route?.service ?? 'unknown', params.get('Action') || 'MissingAction');
    send(res, await serveQuery(route, service, params, invoke, requestId));
  } catch (error) {
    const aws = toAwsError(error, deps);
    send(res, { status: aws.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: renderQueryError(service?.query?.xmlNamespace, aws, requestId) });
  }
}

export function createLocalawsServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const requestId = randomUUID();
    if ((req.url ?? '').startsWith(ADMIN_PREFIX)) {
      handleAdmin(req, res, deps.counter, deps.services.map((s) => s.signingName), deps.admin);
      return;
    }
    handleAws(req, res, deps, requestId).catch((error: unknown) => {
      // Only reachable if writing the response itself failed; never let it take the process down.
      deps.log?.(`localaws: could not answer: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}
