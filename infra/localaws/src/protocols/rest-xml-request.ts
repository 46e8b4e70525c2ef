/**
 * Serves one REST-XML (S3) request: finds the operation from method, path-style bucket/key and query
 * subresource by matching every operation's http trait in the SDK's schemas, reads the input, invokes the
 * handler, and writes the reply. Never throws: every failure becomes an S3 error document.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, InternalFailureError } from '../errors';
import type { AwsService } from '../services/types';
import { readRestInput, renderRestError, renderRestOutput, RestError, type RestReply } from './rest-xml';
import { operationIo, readShape } from './schema';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

interface HttpRoute {
  name: string;
  schema: unknown;
  method: string;
  level: 'service' | 'bucket' | 'object';
  query: Array<[string, string | undefined]>;
  status: number;
}

function httpRouteOf(schema: unknown): HttpRoute | undefined {
  if (!Array.isArray(schema) || schema[0] !== 9) return undefined;
  const http = (schema[3] as { http?: [string, string, number] } | undefined)?.http;
  if (!http) return undefined;
  const [method, uri, status] = http;
  const [path = '/', search = ''] = uri.split('?');
  const { input } = operationIo(schema);
  const hasBucket = readShape(input).members.some((m) => m.name === 'Bucket');
  const query = search
    .split('&')
    .filter((part) => part && !part.startsWith('x-id='))
    .map((part): [string, string | undefined] => {
      const [key = '', value] = part.split('=');
      return [key, value];
    });
  return {
    name: schema[2] as string,
    schema,
    method,
    level: path.includes('{Key+}') ? 'object' : hasBucket ? 'bucket' : 'service',
    query,
    status,
  };
}

const routeCache = new WeakMap<unknown[], HttpRoute[]>();
function routesOf(catalog: unknown[]): HttpRoute[] {
  let routes = routeCache.get(catalog);
  if (!routes) {
    routes = catalog.map(httpRouteOf).filter((r): r is HttpRoute => r !== undefined);
    routeCache.set(catalog, routes);
  }
  return routes;
}

/**
 * Required members bound to headers or query parameters tell same-path operations apart: CopyObject needs
 * x-amz-copy-source, UploadPart and ListParts need uploadId, where PutObject and GetObject need neither.
 */
function requiredBindings(route: HttpRoute): { headers: string[]; query: string[] } {
  const shape = readShape(operationIo(route.schema).input);
  const required = shape.members.slice(0, shape.requiredCount);
  return {
    headers: required.flatMap((m) => (typeof m.traits.httpHeader === 'string' ? [m.traits.httpHeader.toLowerCase()] : [])),
    query: required.flatMap((m) => (typeof m.traits.httpQuery === 'string' ? [m.traits.httpQuery] : [])),
  };
}

export function matchRestOperation(
  catalog: unknown[],
  method: string,
  level: HttpRoute['level'],
  query: URLSearchParams,
  headers: IncomingMessage['headers'],
): HttpRoute | undefined {
  let best: { route: HttpRoute; score: number } | undefined;
  for (const route of routesOf(catalog)) {
    if (route.method !== method || route.level !== level) continue;
    if (!route.query.every(([key, value]) => query.has(key) && (value === undefined || query.get(key) === value))) continue;
    const needed = requiredBindings(route);
    if (!needed.headers.every((h) => headers[h] !== undefined) || !needed.query.every((q) => query.has(q))) continue;
    const score = (route.query.length + needed.query.length) * 10 + needed.headers.length;
    if (!best || score > best.score) best = { route, score };
  }
  return best?.route;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES)
        reject(new RestError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Streaming uploads arrive as `aws-chunked`: `hex-size;chunk-signature=…\r\n<data>\r\n…0\r\n<trailers>`. */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** S3's answer to a path it cannot percent-decode (`%ZZ`, a lone `%`, an escape that is not UTF-8). */
export const invalidUri = () => new RestError('InvalidURI', "Couldn't parse the specified URI.", 400);

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalidUri();
  }
}

export function splitPath(url: string): { bucket?: string; key?: string; query: URLSearchParams } {
  const question = url.indexOf('?');
  const [rawPath, search] = question < 0 ? [url, ''] : [url.slice(0, question), url.slice(question + 1)];
  const path = rawPath.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  const bucket = slash < 0 ? path : path.slice(0, slash);
  const key = slash < 0 ? '' : path.slice(slash + 1);
  return {
    bucket: bucket ? decodePathPart(bucket) : undefined,
    key: key ? decodePathPart(key) : undefined,
    query: new URLSearchParams(search),
  };
}

function send(res: ServerResponse, reply: RestReply, requestId: string): void {
  // HEAD replies keep the object's Content-Length header while sending no body.
  res.writeHead(reply.status, {
    'x-amz-request-id': requestId,
    'x-amz-id-2': Buffer.from(requestId).toString('base64'),
    'content-length': String(Buffer.byteLength(reply.body)),
    ...reply.headers,
  });
  res.end(reply.body);
}

export async function serveRestXml(
  req: IncomingMessage,
  res: ServerResponse,
  service: AwsService & { rest: NonNullable<AwsService['rest']> },
  invoke: (service: AwsService, operation: string, input: unknown) => Promise<unknown>,
  requestId: string,
  count: (operation: string) => void,
  log?: (line: string) => void,
): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    const { bucket, key, query } = splitPath(req.url ?? '/');
    const level = key ? 'object' : bucket ? 'bucket' : 'service';
    const route = matchRestOperation(service.rest.catalog, method, level, query, req.headers);
    count(route?.name ?? 'UnknownOperation');
    if (!route)
      throw new RestError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
        Method: method,
        ResourceType: level === 'object' ? 'OBJECT' : level === 'bucket' ? 'BUCKET' : 'SERVICE',
      });
    const operation = service.operations[route.name];
    if (!operation)
      throw new RestError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, {
        Header: route.name,
      });
    let body = await readBody(req);
    if (String(req.headers['content-encoding'] ?? '').includes('aws-chunked')) body = decodeAwsChunked(body);
    const labels: Record<string, string> = { ...(bucket ? { Bucket: bucket } : {}), ...(key ? { Key: key } : {}) };
    const { input, output } = operationIo(operation.schema);
    const parsed = await readRestInput(service.rest, input, { labels, query, headers: req.headers, body });
    const result = (await invoke(service, route.name, parsed)) as Record<string, unknown> | undefined;
    send(res, renderRestOutput(service.rest, output, result, route.status), requestId);
  } catch (error) {
    const aws = error instanceof AwsError ? error : new InternalFailureError();
    if (!(error instanceof AwsError))
      log?.(`localaws: unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
    send(res, renderRestError(aws, requestId, method), requestId);
  }
}
