/** Serves one AWS JSON request: the operation comes from X-Amz-Target, input and output from the SDK schemas. */
import { UnknownOperationError } from '../errors';
import type { RouteInfo } from '../router';
import type { AwsService } from '../services/types';
import { readJsonInput, renderJsonOutput } from './aws-json';
import type { Reply } from './reply';
import { operationIo } from './schema';

/** `TrentService.CreateKey` → `CreateKey`. */
export function targetOperation(target: string): string {
  return target.slice(target.lastIndexOf('.') + 1);
}

export async function serveJson(
  route: RouteInfo & { target: string },
  service: AwsService | undefined,
  body: string,
  invoke: (service: AwsService, operation: string, input: unknown) => Promise<unknown>,
  requestId: string,
): Promise<Reply> {
  const [prefix] = route.target.split('.');
  if (!service?.json || prefix !== service.json.targetPrefix) throw new UnknownOperationError();
  const name = targetOperation(route.target);
  const operation = service.operations[name];
  if (!operation) throw new UnknownOperationError();
  const { input, output } = operationIo(operation.schema);
  const result = await invoke(service, name, await readJsonInput(service.json, input, body));
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${service.json.version}`, 'x-amzn-requestid': requestId },
    body: renderJsonOutput(output, result),
  };
}
