import type { Clock } from '../clock';
import type { QueryCodecSettings } from '../protocols/aws-query';

/** What every handler learns about the caller, from the SigV4 credential scope. */
export interface RequestContext {
  account: string;
  region: string;
  accessKeyId: string;
  requestId: string;
  clock: Clock;
}

export interface QueryOperation {
  /** The SDK's operation schema (e.g. DescribeStacks$): its input drives parsing, its output rendering. */
  schema: unknown;
  // Inputs are shaped by the schema walker; each handler narrows them with the SDK's own input type.
  handle(input: never, ctx: RequestContext): unknown;
}

/** A service that speaks awsQuery (form in, XML out): CloudFormation, STS. */
export interface QueryService {
  signingName: string;
  codec: QueryCodecSettings;
  operations: Record<string, QueryOperation>;
}

/** Declares one handler with its input typed by the SDK's input shape. */
export function defineOperation<I>(schema: unknown, handle: (input: I, ctx: RequestContext) => unknown): QueryOperation {
  return { schema, handle: handle as QueryOperation['handle'] };
}
