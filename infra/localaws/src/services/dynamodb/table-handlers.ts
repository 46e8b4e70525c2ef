/** Table lifecycle: CreateTable (CREATING → ACTIVE on the clock), DescribeTable, ListTables, DeleteTable. */
import { randomUUID } from 'node:crypto';
import type {
  CreateTableInput,
  DeleteTableInput,
  DescribeTableInput,
  ListTablesInput,
  ListTablesOutput,
  TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { RequestContext } from '../types';
import { DynamoValidationError, ResourceInUseError, tableNotFound } from './errors';
import type { DynamoDbModel, Table } from './model';

/** Simulated time a new table spends CREATING, and a deleted one DELETING. */
const CREATE_MS = 5_000;
const DELETE_MS = 3_000;

export function describeTableOf(table: Table): TableDescription {
  return {
    TableName: table.name,
    TableStatus: table.status,
    TableArn: table.arn,
    TableId: table.id,
    KeySchema: table.keySchema,
    AttributeDefinitions: table.attributeDefinitions,
    CreationDateTime: table.createdAt,
    ItemCount: table.items.size,
    TableSizeBytes: [...table.items.values()].reduce((size, item) => size + JSON.stringify(item).length, 0),
    ProvisionedThroughput: {
      ReadCapacityUnits: table.readCapacity,
      WriteCapacityUnits: table.writeCapacity,
      NumberOfDecreasesToday: 0,
    },
    ...(table.billingMode === 'PAY_PER_REQUEST'
      ? { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: table.createdAt } }
      : {}),
    DeletionProtectionEnabled: table.deletionProtection,
  };
}

function validateKeys(input: CreateTableInput): void {
  const defined = (input.AttributeDefinitions ?? []).map((d) => d.AttributeName ?? '');
  const keys = (input.KeySchema ?? []).map((k) => k.AttributeName ?? '');
  if (keys.length === 0 || keys.length > 2 || input.KeySchema?.[0]?.KeyType !== 'HASH') {
    throw new DynamoValidationError(
      "1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2 and a HASH key first",
    );
  }
  if (keys.some((k) => !defined.includes(k))) {
    throw new DynamoValidationError(
      `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${keys.join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`,
    );
  }
  if (defined.length > keys.length) {
    throw new DynamoValidationError(
      `One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`,
    );
  }
}

function capacity(input: CreateTableInput): { read: number; write: number } {
  const throughput = input.ProvisionedThroughput;
  if (input.BillingMode === 'PAY_PER_REQUEST') {
    if (throughput)
      throw new DynamoValidationError(
        'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
      );
    return { read: 0, write: 0 };
  }
  if (!throughput?.ReadCapacityUnits || !throughput.WriteCapacityUnits) {
    throw new DynamoValidationError(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  }
  return { read: throughput.ReadCapacityUnits, write: throughput.WriteCapacityUnits };
}

export function createTable(
  model: DynamoDbModel,
  input: CreateTableInput,
  ctx: RequestContext,
): { TableDescription: TableDescription } {
  const name = input.TableName ?? '';
  if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
    throw new DynamoValidationError(
      `1 validation error detected: Value '${name}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
    );
  }
  const tables = model.tablesOf(ctx.account, ctx.region);
  if (tables.has(name)) throw new ResourceInUseError(`Table already exists: ${name}`);
  validateKeys(input);
  const { read, write } = capacity(input);
  const table: Table = {
    name,
    arn: `arn:aws:dynamodb:${ctx.region}:${ctx.account}:table/${name}`,
    id: randomUUID(),
    status: 'CREATING',
    keySchema: input.KeySchema ?? [],
    attributeDefinitions: input.AttributeDefinitions ?? [],
    billingMode: input.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    readCapacity: read,
    writeCapacity: write,
    createdAt: ctx.clock.now(),
    deletionProtection: input.DeletionProtectionEnabled ?? false,
    recoveryPeriodInDays: 35,
    items: new Map(),
    tags: new Map((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
  tables.set(name, table);
  void ctx.clock.sleep(CREATE_MS).then(() => {
    if (table.status === 'CREATING') table.status = 'ACTIVE';
  });
  return { TableDescription: describeTableOf(table) };
}

export function describeTable(model: DynamoDbModel, input: DescribeTableInput, ctx: RequestContext): { Table: TableDescription } {
  const table = model.findTable(ctx.account, ctx.region, input.TableName ?? '');
  if (!table) throw tableNotFound(input.TableName ?? '');
  return { Table: describeTableOf(table) };
}

export function listTables(model: DynamoDbModel, input: ListTablesInput, ctx: RequestContext): ListTablesOutput {
  const limit = input.Limit ?? 100;
  if (limit < 1 || limit > 100)
    throw new DynamoValidationError(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`,
    );
  const names = [...model.tablesOf(ctx.account, ctx.region).keys()]
    .sort()
    .filter((n) => !input.ExclusiveStartTableName || n > input.ExclusiveStartTableName);
  const page = names.slice(0, limit);
  return { TableNames: page, ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}) };
}

export function deleteTable(
  model: DynamoDbModel,
  input: DeleteTableInput,
  ctx: RequestContext,
): { TableDescription: TableDescription } {
  const table = model.findTable(ctx.account, ctx.region, input.TableName ?? '');
  if (!table) throw tableNotFound(input.TableName ?? '');
  if (table.status !== 'ACTIVE')
    throw new ResourceInUseError(
      `Attempt to change a resource which is still in use: Table is being ${table.status === 'CREATING' ? 'created' : 'deleted'}: ${table.name}`,
    );
  if (table.deletionProtection)
    throw new DynamoValidationError(
      `Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`,
    );
  table.status = 'DELETING';
  const tables = model.tablesOf(ctx.account, ctx.region);
  void ctx.clock.sleep(DELETE_MS).then(() => {
    if (tables.get(table.name) === table) tables.delete(table.name);
  });
  return { TableDescription: describeTableOf(table) };
}
