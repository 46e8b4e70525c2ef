/** IAM errors with AWS's codes, statuses and texts. */
import { AwsError, defineAwsError } from '../../errors';

export const NoSuchEntityError = defineAwsError('NoSuchEntity', 404);
export type NoSuchEntityError = InstanceType<typeof NoSuchEntityError>;

export const EntityAlreadyExistsError = defineAwsError('EntityAlreadyExists', 409);
export type EntityAlreadyExistsError = InstanceType<typeof EntityAlreadyExistsError>;

export const DeleteConflictError = defineAwsError('DeleteConflict', 409);
export type DeleteConflictError = InstanceType<typeof DeleteConflictError>;

export class MalformedPolicyDocumentError extends AwsError {
  constructor(message = 'This policy contains invalid Json') {
    super('MalformedPolicyDocument', message, 400);
  }
}

export const noSuchRole = (name: string) => new NoSuchEntityError(`The role with name ${name} cannot be found.`);
