/**
 * The HTTP front door. Every failure becomes an AWS-style error response in the protocol the
 * client spoke; nothing a client sends can crash the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import { ADMIN_PREFIX, handleAdmin, RequestCounter } from './admin';
import { AwsError, InternalFailureError, InvalidActionError, MalformedQueryStringError, MissingAuthenticationTokenError, UnknownOperationError } from './errors';
import { readQueryInput, renderQueryError, renderQueryResponse } from './protocols/aws-query';
import { operationIo } from './protocols/schema';
import { routeRequest } from './router';
import type { QueryService, RequestContext } from './services/types';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface ServerDeps {
  clock: Clock;
  services: QueryService[];
  counter: RequestCounter;
  log?: (line: string) => void;
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form decoding that refuses broken percent-escapes instead of silently keeping them. */
function decodeForm(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const [rawKey, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      params.set(decodeURIComponent(rawKey.replace(/\+/g, ' ')), decodeURIComponent(rawValue.replace(/\+/g, ' ')));
    } catch {
      throw new MalformedQueryStringError(`The request contains a malformed query string: ${pair.slice(0, 100)}`);
    }
  }
  return params;
}

function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  res.end(xml);
}

function sendJsonError(res: ServerResponse, error: AwsError, requestId: string): void {
  res.writeHead(error.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId });
  res.end(JSON.stringify({ __type: error.code, message: error.message }));
}

async function handleAws(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, requestId: string): Promise<void> {
  const route = routeRequest(req.headers);
  const body = await readBody(req);
  if (route?.target) {
    // No JSON-protocol service is emulated yet (the CDK CLI's CloudTrail LookupEvents lands here and tolerates a 400).
    deps.counter.count(route.service, route.target.split('.').pop() ?? route.target);
    return sendJsonError(res, new UnknownOperationError(), requestId);
  }
  const service = deps.services.find((s) => s.signingName === route?.service);
  const contentType = String(req.headers['content-type'] ?? '');
  const query = (req.url ?? '').split('?')[1] ?? '';
  let params: Map<string, string>;
  try {
    if (req.method === 'POST' && body && !contentType.startsWith('application/x-www-form-urlencoded')) {
      throw new MalformedQueryStringError(`Unsupported content type '${contentType || 'none'}': send application/x-www-form-urlencoded`);
    }
    params = decodeForm(req.method === 'POST' && body ? body : query);
  } catch (error) {
    deps.counter.count(route?.service ?? 'unknown', 'MalformedRequest');
    throw error;
  }
  const action = params.get('Action') ?? '';
  deps.counter.count(route?.service ?? 'unknown', action || 'MissingAction');
  if (!route) throw new MissingAuthenticationTokenError();
  if (!service) throw new InvalidActionError();
  const operation = service.operations[action];
  if (!operation) throw new InvalidActionError();
  const { input, output } = operationIo(operation.schema);
  const ctx: RequestContext = { account: route.account, region: route.region, accessKeyId: route.accessKeyId, requestId, clock: deps.clock };
  const parsed = readQueryInput(input, params);
  const result = await operation.handle(parsed as never, ctx);
  sendXml(res, 200, renderQueryResponse(service.codec, action, output, result, requestId), requestId);
}

function namespaceFor(req: IncomingMessage, deps: ServerDeps): string | undefined {
  const route = routeRequest(req.headers);
  return deps.services.find((s) => s.signingName === route?.service)?.codec.xmlNamespace;
}

export function createLocalawsServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const requestId = randomUUID();
    if ((req.url ?? '').startsWith(ADMIN_PREFIX)) {
      handleAdmin(req, res, deps.counter, deps.services.map((s) => s.signingName));
      return;
    }
    handleAws(req, res, deps, requestId).catch((error: unknown) => {
      const aws = error instanceof AwsError ? error : new InternalFailureError();
      if (!(error instanceof AwsError)) deps.log?.(`localaws: unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
      if (res.headersSent) return void res.end();
      sendXml(res, aws.status, renderQueryError(namespaceFor(req, deps), aws, requestId), requestId);
    });
  });
}
