/** Serves one awsQuery request (form in, XML out) for CloudFormation, STS and CloudWatch's older clients. */
import { InvalidActionError, MalformedQueryStringError, MissingAuthenticationTokenError, ValidationError } from '../errors';
import type { RouteInfo } from '../router';
import type { AwsService } from '../services/types';
import { readQueryInput, renderQueryResponse } from './aws-query';
import { LIMITS } from './limits';
import type { IncomingAwsRequest, Reply } from './reply';
import { operationIo } from './schema';

function malformed(detail: string): MalformedQueryStringError {
  return new MalformedQueryStringError(`The request contains a malformed query string: ${detail}`);
}

/**
 * Checks one form key's shape in a single pass: its length, how many dotted segments it has, and that a numeric
 * segment (`member.N`, `entry.N`) is a list index AWS could accept. Keeps FormReader's work per key bounded.
 */
function checkKey(key: string): void {
  if (key.length > LIMITS.queryKeyLength)
    throw malformed(`parameter name longer than ${LIMITS.queryKeyLength} characters: ${key.slice(0, 100)}…`);
  let segments = 1;
  let start = 0;
  for (let i = 0; i <= key.length; i++) {
    if (i < key.length && key.charCodeAt(i) !== 0x2e /* . */) continue;
    if (i < key.length && ++segments > LIMITS.queryKeyDepth)
      throw malformed(`parameter name nested deeper than ${LIMITS.queryKeyDepth} levels: ${key.slice(0, 100)}…`);
    const segment = key.slice(start, i);
    if (/^\d+$/.test(segment) && (segment.length > 6 || Number(segment) > LIMITS.queryListIndex)) {
      throw new ValidationError(
        `1 validation error detected: Value '${segment.slice(0, 20)}' at '${key.slice(0, 100)}' failed to satisfy constraint: Member index must be between 1 and ${LIMITS.queryListIndex}`,
      );
    }
    start = i + 1;
  }
}

/**
 * Form decoding that refuses broken percent-escapes instead of silently keeping them, and refuses a form that is
 * too big to be an AWS request (too many parameters, over-long or over-deep keys) before any of it is expanded.
 */
export function decodeForm(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let count = 0;
  for (let from = 0; from <= text.length; ) {
    let amp = text.indexOf('&', from);
    if (amp < 0) amp = text.length;
    const pair = text.slice(from, amp);
    from = amp + 1;
    if (!pair) continue;
    if (++count > LIMITS.queryParams) throw malformed(`more than ${LIMITS.queryParams} parameters`);
    const eq = pair.indexOf('=');
    const [rawKey, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    if (rawKey.length > LIMITS.queryKeyLength * 3)
      throw malformed(`parameter name longer than ${LIMITS.queryKeyLength} characters: ${rawKey.slice(0, 100)}…`);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw malformed(pair.slice(0, 100));
    }
    checkKey(key);
    params.set(key, value);
  }
  return params;
}

/** The Action a query request names, read before anything can fail, so even refused requests are counted. */
export function queryParams(request: IncomingAwsRequest): Map<string, string> {
  const { method, contentType, body, url } = request;
  if (method === 'POST' && body && !contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new MalformedQueryStringError(
      `Unsupported content type '${contentType || 'none'}': send application/x-www-form-urlencoded`,
    );
  }
  const query = url.split('?')[1] ?? '';
  return decodeForm(method === 'POST' && body ? body : query);
}

export async function serveQuery(
  route: RouteInfo | undefined,
  service: AwsService | undefined,
  params: Map<string, string>,
  invoke: (service: AwsService, operation: string, input: unknown) => Promise<unknown>,
  requestId: string,
): Promise<Reply> {
  const action = params.get('Action') ?? '';
  if (!route) throw new MissingAuthenticationTokenError();
  if (!service?.query) throw new InvalidActionError();
  const operation = service.operations[action];
  if (!operation) throw new InvalidActionError();
  const { input, output } = operationIo(operation.schema);
  const result = await invoke(service, action, readQueryInput(input, params));
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: renderQueryResponse(service.query, action, output, result, requestId),
  };
}
