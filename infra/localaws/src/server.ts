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
import { AwsError, InternalFailureError, MalformedQueryStringError, RequestEntityTooLargeError } from './errors';
import { renderJsonError } from './protocols/aws-json';
import { renderQueryError } from './protocols/aws-query';
import { LIMITS } from './protocols/limits';
import { serveJson, targetOperation } from './protocols/json-request';
import { queryParams, serveQuery } from './protocols/query-request';
import type { IncomingAwsRequest, Reply } from './protocols/reply';
import { serveRestXml } from './protocols/rest-xml-request';
import { routeRequest, type RouteInfo, type SessionLookup } from './router';
import { gateRequest, type GatePolicy } from './security/request-gate';
import { expiredTokenError } from './services/sts/errors';
import type { AwsService, RequestContext } from './services/types';

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
  /** who may drive it (security/request-gate.ts); loopback Hosts only when absent */
  gate?: GatePolicy;
}

/**
 * Reads the whole body, at most `limit` bytes (after gunzip too, so a gzip bomb stops at the limit). Past the
 * limit the rest is drained unkept and the request refused with 413 once the client has finished sending.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
    });
    req.on('end', () => {
      if (size > limit) return reject(new RequestEntityTooLargeError(limit));
      const raw = Buffer.concat(chunks);
      // The SDK gzips large bodies (PutMetricData over 10 KB) when the service model allows it.
      if (String(req.headers['content-encoding'] ?? '').toLowerCase() !== 'gzip') return resolve(raw.toString('utf8'));
      try {
        resolve(gunzipSync(raw, { maxOutputLength: limit }).toString('utf8'));
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') reject(new RequestEntityTooLargeError(limit));
        else reject(new MalformedQueryStringError('The request body is not valid gzip'));
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
    const ctx: RequestContext = {
      account: route!.account,
      region: route!.region,
      accessKeyId: route!.accessKeyId,
      requestId,
      clock: deps.clock,
      principal: route!.principal,
    };
    await deps.beforeInvoke?.({
      service: svc.signingName,
      operation,
      account: ctx.account,
      region: ctx.region,
      protocol: svc.rest ? 'rest' : route?.target ? 'json' : 'query',
      input,
    });
    return svc.operations[operation]!.handle(input as never, ctx);
  };

  if (service?.rest) {
    const rest = service as AwsService & { rest: NonNullable<AwsService['rest']> };
    return serveRestXml(
      req,
      res,
      rest,
      invoke,
      requestId,
      (operation) => deps.counter.count(rest.signingName, operation),
      deps.log,
    );
  }

  if (route?.target) {
    const jsonRoute = route as RouteInfo & { target: string };
    deps.counter.count(route.service, targetOperation(route.target));
    try {
      return send(res, await serveJson(jsonRoute, service, await readBody(req, LIMITS.jsonBodyBytes), invoke, requestId));
    } catch (error) {
      const reply = renderJsonError(service?.json, toAwsError(error, deps));
      return send(res, { ...reply, headers: { ...reply.headers, 'x-amzn-requestid': requestId } });
    }
  }

  try {
    const request: IncomingAwsRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '',
      contentType: String(req.headers['content-type'] ?? ''),
      body: await readBody(req, LIMITS.queryBodyBytes),
    };
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
    send(res, {
      status: aws.status,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: renderQueryError(service?.query?.xmlNamespace, aws, requestId),
    });
  }
}

export function createLocalawsServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const requestId = randomUUID();
    serve(req, res, deps, requestId).catch((error: unknown) => {
      // A bug anywhere above (the gate, routing, a handler's synchronous part) answers 500 instead of taking the
      // process down or leaving the client waiting.
      deps.log?.(`localaws: could not answer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-requestid': requestId });
      res.end(
        res.writableEnded
          ? undefined
          : JSON.stringify({ __type: 'InternalFailure', message: 'localaws failed to answer this request' }),
      );
    });
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, requestId: string): Promise<void> {
  // Before anything else: foreign Hosts (DNS rebinding) and browsers acting for other sites are refused here.
  if (gateRequest(req, res, deps.gate, deps.services, requestId)) return;
  if ((req.url ?? '').startsWith(ADMIN_PREFIX)) {
    await handleAdmin(
      req,
      res,
      deps.counter,
      deps.services.map((s) => s.signingName),
      deps.admin,
    );
    return;
  }
  await handleAws(req, res, deps, requestId);
}
