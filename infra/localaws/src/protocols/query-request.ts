/** Serves one awsQuery request (form in, XML out) for CloudFormation, STS and CloudWatch's older clients. */
import { InvalidActionError, MalformedQueryStringError, MissingAuthenticationTokenError } from '../errors';
import type { RouteInfo } from '../router';
import type { AwsService } from '../services/types';
import { readQueryInput, renderQueryResponse } from './aws-query';
import type { IncomingAwsRequest, Reply } from './reply';
import { operationIo } from './schema';

/** Form decoding that refuses broken percent-escapes instead of silently keeping them. */
export function decodeForm(text: string): Map<string, string> {
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

/** The Action a query request names, read before anything can fail, so even refused requests are counted. */
export function queryParams(request: IncomingAwsRequest): Map<string, string> {
  const { method, contentType, body, url } = request;
  if (method === 'POST' && body && !contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new MalformedQueryStringError(`Unsupported content type '${contentType || 'none'}': send application/x-www-form-urlencoded`);
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
