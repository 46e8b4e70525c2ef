/** Point-in-time recovery: DescribeContinuousBackups / UpdateContinuousBackups (TableNotFoundException when absent). */
import type {
  ContinuousBackupsDescription,
  DescribeContinuousBackupsInput,
  UpdateContinuousBackupsInput,
} from '@aws-sdk/client-dynamodb';
import type { RequestContext } from '../types';
import { DynamoValidationError, TableNotFoundError } from './errors';
import type { DynamoDbModel, Table } from './model';

function describeBackups(table: Table, now: Date): ContinuousBackupsDescription {
  if (!table.pitrEnabledAt)
    return { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } };
  const windowStart = new Date(now.getTime() - table.recoveryPeriodInDays * 86_400_000);
  return {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: {
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: table.recoveryPeriodInDays,
      EarliestRestorableDateTime: table.pitrEnabledAt > windowStart ? table.pitrEnabledAt : windowStart,
      // AWS lags about five minutes behind now.
      LatestRestorableDateTime: new Date(now.getTime() - 300_000),
    },
  };
}

export function describeContinuousBackups(model: DynamoDbModel, input: DescribeContinuousBackupsInput, ctx: RequestContext) {
  const table = model.findTable(ctx.account, ctx.region, input.TableName ?? '');
  if (!table) throw new TableNotFoundError(input.TableName ?? '');
  return { ContinuousBackupsDescription: describeBackups(table, ctx.clock.now()) };
}

export function updateContinuousBackups(model: DynamoDbModel, input: UpdateContinuousBackupsInput, ctx: RequestContext) {
  const table = model.findTable(ctx.account, ctx.region, input.TableName ?? '');
  if (!table) throw new TableNotFoundError(input.TableName ?? '');
  const spec = input.PointInTimeRecoverySpecification;
  if (spec?.PointInTimeRecoveryEnabled === undefined) {
    throw new DynamoValidationError(
      "1 validation error detected: Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must not be null",
    );
  }
  const days = spec.RecoveryPeriodInDays ?? table.recoveryPeriodInDays;
  if (days < 1 || days > 35)
    throw new DynamoValidationError(
      `1 validation error detected: Value '${days}' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35`,
    );
  table.recoveryPeriodInDays = days;
  if (spec.PointInTimeRecoveryEnabled && !table.pitrEnabledAt) table.pitrEnabledAt = ctx.clock.now();
  if (!spec.PointInTimeRecoveryEnabled) table.pitrEnabledAt = undefined;
  return { ContinuousBackupsDescription: describeBackups(table, ctx.clock.now()) };
}
