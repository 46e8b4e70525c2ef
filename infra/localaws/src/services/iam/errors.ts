/** IAM errors with AWS's codes, statuses and texts. */
import { AwsError } from '../../errors';

export class NoSuchEntityError extends AwsError {
  constructor(message: string) {
    super('NoSuchEntity', message, 404);
  }
}

export class EntityAlreadyExistsError extends AwsError {
  constructor(message: string) {
    super('EntityAlreadyExists', message, 409);
  }
}

export class DeleteConflictError extends AwsError {
  constructor(message: string) {
    super('DeleteConflict', message, 409);
  }
}

export class MalformedPolicyDocumentError extends AwsError {
  constructor(message = 'This policy contains invalid Json') {
    super('MalformedPolicyDocument', message, 400);
  }
}

export const noSuchRole = (name: string) => new NoSuchEntityError(`The role with name ${name} cannot be found.`);
