/** CloudFormation's error codes, with the texts the CDK CLI and SDK callers match on. */
import {
  AlreadyExistsException$,
  ChangeSetNotFoundException$,
  InsufficientCapabilitiesException$,
  InvalidChangeSetStatusException$,
  TokenAlreadyExistsException$,
} from '@aws-sdk/client-cloudformation';
import { AwsError, ValidationError } from '../../errors';

/** Code and HTTP status come from the SDK's error schema (its awsQueryError trait), not from memory. */
function fromSchema(schema: unknown, message: string): AwsError {
  const traits = Array.isArray(schema) ? (schema[3] as { awsQueryError?: [string, number]; httpError?: number }) : {};
  const [code, status] = traits.awsQueryError ?? [String(Array.isArray(schema) ? schema[2] : 'Unknown'), traits.httpError ?? 400];
  return new AwsError(code, message, status);
}

export const stackNotFound = (name: string) => new ValidationError(`Stack with id ${name} does not exist`);
export const stackEventsNotFound = (name: string) => new ValidationError(`Stack [${name}] does not exist`);
export const templateFormatError = (detail: string) => new ValidationError(`Template format error: ${detail}`);
export const templateError = (detail: string) => new ValidationError(`Template error: ${detail}`);
export const alreadyExists = (name: string) => fromSchema(AlreadyExistsException$, `Stack [${name}] already exists`);
export const changeSetAlreadyExists = (name: string) => fromSchema(AlreadyExistsException$, `ChangeSet [${name}] already exists`);
export const changeSetNotFound = (name: string) => fromSchema(ChangeSetNotFoundException$, `ChangeSet [${name}] does not exist`);
export const insufficientCapabilities = (caps: string[]) =>
  fromSchema(InsufficientCapabilitiesException$, `Requires capabilities : [${caps.join(', ')}]`);
export const invalidChangeSetStatus = (arn: string, status: string) =>
  fromSchema(InvalidChangeSetStatusException$, `ChangeSet [${arn}] cannot be executed in its current status of [${status}]`);
export const tokenAlreadyExists = (token: string) =>
  fromSchema(TokenAlreadyExistsException$, `Another request with the client request token ${token} is already in progress`);
export const stackBusy = (stackId: string, status: string) =>
  new ValidationError(`Stack:${stackId} is in ${status} state and can not be updated.`);
export const terminationProtected = (name: string) =>
  new ValidationError(`Stack [${name}] cannot be deleted while TerminationProtection is enabled`);
