/**
 * CloudWatch's error codes, as its awsQuery-compatible error schemas name them (the SDK maps the code in
 * `x-amzn-query-error` back to its classes: InvalidParameterValue → InvalidParameterValueException, …).
 */
import { AwsError } from '../../errors';

export class InvalidParameterValue extends AwsError {
  constructor(message: string) {
    super('InvalidParameterValue', message, 400);
  }
}

export class InvalidParameterCombination extends AwsError {
  constructor(message: string) {
    super('InvalidParameterCombination', message, 400);
  }
}

export class MissingParameter extends AwsError {
  constructor(message: string) {
    super('MissingParameter', message, 400);
  }
}

/** The JSON codec's hook: a required member absent from the request. */
export function missingMember(member: string): AwsError {
  return new MissingParameter(`The parameter ${member} is required.`);
}

export class ResourceNotFound extends AwsError {
  constructor(message: string) {
    super('ResourceNotFound', message, 404);
  }
}

/** The tagging operations' not-found error (a different schema from ResourceNotFound). */
export class ResourceNotFoundException extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 404);
  }
}

export class LimitExceeded extends AwsError {
  constructor(message: string) {
    super('LimitExceeded', message, 400);
  }
}

export class InvalidNextToken extends AwsError {
  constructor() {
    super('InvalidNextToken', 'The service cannot process the NextToken: it is malformed or belongs to another request.', 400);
  }
}

export class InvalidFormat extends AwsError {
  constructor(message: string) {
    super('InvalidFormat', message, 400);
  }
}

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
