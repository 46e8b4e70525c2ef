/** Step Functions' error codes (awsJson1.0 `__type`), one class per code as the API answers them. */
import { AwsError } from '../../errors';

const sfnError = (code: string) =>
  class extends AwsError {
    constructor(message: string) {
      super(code, message, 400);
    }
  };

export class StateMachineDoesNotExist extends sfnError('StateMachineDoesNotExist') {}
export class StateMachineAlreadyExists extends sfnError('StateMachineAlreadyExists') {}
export class ExecutionDoesNotExist extends sfnError('ExecutionDoesNotExist') {}
export class ExecutionAlreadyExists extends sfnError('ExecutionAlreadyExists') {}
export class InvalidArn extends sfnError('InvalidArn') {}
export class InvalidName extends sfnError('InvalidName') {}
export class InvalidDefinition extends sfnError('InvalidDefinition') {}
export class InvalidExecutionInput extends sfnError('InvalidExecutionInput') {}
export class InvalidLoggingConfiguration extends sfnError('InvalidLoggingConfiguration') {}
export class InvalidToken extends sfnError('InvalidToken') {}
export class ResourceNotFound extends sfnError('ResourceNotFound') {}
export class StateMachineTypeNotSupported extends sfnError('StateMachineTypeNotSupported') {}
export class SfnValidationException extends sfnError('ValidationException') {}
export class AccessDeniedException extends sfnError('AccessDeniedException') {}
export class MissingRequiredParameter extends sfnError('MissingRequiredParameter') {}
