import type { Clock } from '../clock';
import type { JsonCodecSettings } from '../protocols/aws-json';
import type { QueryCodecSettings } from '../protocols/aws-query';
import type { RestXmlCodecSettings } from '../protocols/rest-xml';
import type { Principal } from '../router';

/** What every handler learns about the caller, from the SigV4 credential scope. */
export interface RequestContext {
  account: string;
  region: string;
  accessKeyId: string;
  requestId: string;
  clock: Clock;
  /** the assumed role, when the request is signed with temporary credentials from STS */
  principal?: Principal;
}

export interface Operation {
  /** The SDK's operation schema (e.g. DescribeStacks$): its input drives parsing, its output rendering. */
  schema: unknown;
  // Inputs are shaped by the schema walker; each handler narrows them with the SDK's own input type.
  handle(input: never, ctx: RequestContext): unknown;
}

/**
 * One emulated service. It speaks awsQuery (form in, XML out: CloudFormation, STS), an AWS JSON protocol
 * (KMS, Logs, Step Functions, DynamoDB, CloudWatch), or both (CloudWatch still accepts the older form protocol).
 */
export interface AwsService {
  /** The SigV4 signing name, which is how requests find their service. */
  signingName: string;
  query?: QueryCodecSettings;
  json?: JsonCodecSettings;
  /** REST with XML bodies (S3): the operation comes from method, path and query */
  rest?: RestXmlCodecSettings;
  operations: Record<string, Operation>;
}

/** Declares one handler with its input typed by the SDK's input shape. */
export function defineOperation<I>(schema: unknown, handle: (input: I, ctx: RequestContext) => unknown): Operation {
  return { schema, handle: handle as Operation['handle'] };
}

/**
 * The `op(schema, handler)` every service declares its operations with: handlers take the service's
 * dependencies first, so they stay plain functions that tests can call directly.
 */
export function bindOperations<D>(deps: D) {
  return <I>(schema: unknown, handler: (deps: D, input: I, ctx: RequestContext) => unknown): Operation =>
    defineOperation<I>(schema, (input, ctx) => handler(deps, input, ctx));
}
