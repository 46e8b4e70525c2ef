/** DynamoDB errors as the service names and words them. */
import { AwsError } from '../../errors';

export class ResourceNotFoundError extends AwsError {
  constructor(message = 'Requested resource not found') {
    super('ResourceNotFoundException', message, 400);
  }
}

export const tableNotFound = (name: string) =>
  new ResourceNotFoundError(`Requested resource not found: Table: ${name} not found`);

export class ResourceInUseError extends AwsError {
  constructor(message: string) {
    super('ResourceInUseException', message, 400);
  }
}

/** What DescribeContinuousBackups and UpdateContinuousBackups answer for a missing table. */
export class TableNotFoundError extends AwsError {
  constructor(name: string) {
    super('TableNotFoundException', `Table not found: ${name}`, 400);
  }
}

export class DynamoValidationError extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, 400);
  }
}
