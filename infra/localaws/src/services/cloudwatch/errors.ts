/**
 * CloudWatch's error codes, as its awsQuery-compatible error schemas name them (the SDK maps the code in
 * `x-amzn-query-error` back to its classes: InvalidParameterValue → InvalidParameterValueException, …).
 */
import { AwsError, defineAwsError } from '../../errors';

export const InvalidParameterValue = defineAwsError('InvalidParameterValue', 400);
export type InvalidParameterValue = InstanceType<typeof InvalidParameterValue>;

export const InvalidParameterCombination = defineAwsError('InvalidParameterCombination', 400);
export type InvalidParameterCombination = InstanceType<typeof InvalidParameterCombination>;

export const MissingParameter = defineAwsError('MissingParameter', 400);
export type MissingParameter = InstanceType<typeof MissingParameter>;

/** The JSON codec's hook: a required member absent from the request. */
export function missingMember(member: string): AwsError {
  return new MissingParameter(`The parameter ${member} is required.`);
}

export const ResourceNotFound = defineAwsError('ResourceNotFound', 404);
export type ResourceNotFound = InstanceType<typeof ResourceNotFound>;

/** The tagging operations' not-found error (a different schema from ResourceNotFound). */
export const ResourceNotFoundException = defineAwsError('ResourceNotFoundException', 404);
export type ResourceNotFoundException = InstanceType<typeof ResourceNotFoundException>;

export const LimitExceeded = defineAwsError('LimitExceeded', 400);
export type LimitExceeded = InstanceType<typeof LimitExceeded>;

export class InvalidNextToken extends AwsError {
  constructor() {
    super('InvalidNextToken', 'The service cannot process the NextToken: it is malformed or belongs to another request.', 400);
  }
}

export const InvalidFormat = defineAwsError('InvalidFormat', 400);
export type InvalidFormat = InstanceType<typeof InvalidFormat>;

/** Constraint failures reported in Coral's words ("1 validation error detected: …"). */
export class CloudWatchValidationError extends AwsError {
  constructor(message: string) {
    super('ValidationError', message, 400);
  }
}

/** A nested required member (the codecs check only top-level ones). */
export function need<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null) throw new MissingParameter(`The parameter ${name} is required.`);
  return value;
}
