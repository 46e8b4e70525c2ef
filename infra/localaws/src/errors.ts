/**
 * Errors typed by AWS error code. Handlers throw these; the protocol codec renders them
 * (code, message, HTTP status) the way the real service does.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** "Sender" for client faults, "Receiver" for server faults (awsQuery's <Type>). */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * A class for one AWS error code whose message varies per call: one line per code instead of a class body,
 * while `instanceof` and the typed code keep working.
 */
export function defineAwsError(code: string, status = 400) {
  return class extends AwsError {
    constructor(message: string) {
      super(code, message, status);
    }
  };
}

export const ValidationError = defineAwsError('ValidationError', 400);
export type ValidationError = InstanceType<typeof ValidationError>;

export const MissingParameterError = defineAwsError('MissingParameter', 400);
export type MissingParameterError = InstanceType<typeof MissingParameterError>;

export class InvalidActionError extends AwsError {
  constructor() {
    super('InvalidAction', 'The action or operation requested is invalid. Verify that the action is typed correctly.', 400);
  }
}

export class UnknownOperationError extends AwsError {
  constructor() {
    super(
      'UnknownOperationException',
      'The action or operation requested is invalid. Verify that the action is typed correctly.',
      400,
    );
  }
}

export const MalformedQueryStringError = defineAwsError('MalformedQueryString', 400);
export type MalformedQueryStringError = InstanceType<typeof MalformedQueryStringError>;

export class MissingAuthenticationTokenError extends AwsError {
  constructor() {
    super('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
}

/** A body over its protocol's limit (protocols/limits.ts): 413, as AWS's front ends answer an oversized request. */
export class RequestEntityTooLargeError extends AwsError {
  constructor(limit: number) {
    super('RequestEntityTooLarge', `Request body must be no larger than ${limit} bytes`, 413);
  }
}

export class InternalFailureError extends AwsError {
  constructor() {
    super('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  }
}

/** Raised by the SDK-schema walker when a value cannot be read as its declared type. */
export const InvalidParameterValueError = defineAwsError('InvalidParameterValue', 400);
export type InvalidParameterValueError = InstanceType<typeof InvalidParameterValueError>;

/** A JSON body that is not JSON, or a member of the wrong type (JSON protocols). */
export const SerializationError = defineAwsError('SerializationException', 400);
export type SerializationError = InstanceType<typeof SerializationError>;
