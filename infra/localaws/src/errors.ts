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

export class ValidationError extends AwsError {
  constructor(message: string) {
    super('ValidationError', message, 400);
  }
}

export class MissingParameterError extends AwsError {
  constructor(message: string) {
    super('MissingParameter', message, 400);
  }
}

export class InvalidActionError extends AwsError {
  constructor() {
    super('InvalidAction', 'The action or operation requested is invalid. Verify that the action is typed correctly.', 400);
  }
}

export class UnknownOperationError extends AwsError {
  constructor() {
    super('UnknownOperationException', 'The action or operation requested is invalid. Verify that the action is typed correctly.', 400);
  }
}

export class MalformedQueryStringError extends AwsError {
  constructor(message: string) {
    super('MalformedQueryString', message, 400);
  }
}

export class MissingAuthenticationTokenError extends AwsError {
  constructor() {
    super('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
}

export class InternalFailureError extends AwsError {
  constructor() {
    super('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  }
}

/** Raised by the SDK-schema walker when a value cannot be read as its declared type. */
export class InvalidParameterValueError extends AwsError {
  constructor(message: string) {
    super('InvalidParameterValue', message, 400);
  }
}

/** A JSON body that is not JSON, or a member of the wrong type (JSON protocols). */
export class SerializationError extends AwsError {
  constructor(message: string) {
    super('SerializationException', message, 400);
  }
}
