/** DynamoDB through the real SDK client and raw HTTP: tables, continuous backups, tags, items, errors. */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  TableNotFoundException,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
let ddb: DynamoDBClient;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  ddb = new DynamoDBClient({
    endpoint: server.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
  });
});
afterAll(() => server.close());

const table = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });

async function waitActive(name: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${name} never became ACTIVE`);
}

describe('DynamoDB tables', () => {
  it('creates a table CREATING, then ACTIVE, and lists, describes and deletes it', async () => {
    const created = await ddb.send(table('orders'));
    expect(created.TableDescription).toMatchObject({
      TableName: 'orders',
      TableStatus: 'CREATING',
      TableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    });
    expect(created.TableDescription?.CreationDateTime).toBeInstanceOf(Date);
    await waitActive('orders');
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual(['orders']);
    const again = await ddb.send(table('orders')).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ResourceInUseException);
    expect((again as Error).message).toBe('Table already exists: orders');
    const deleted = await ddb.send(new DeleteTableCommand({ TableName: 'orders' }));
    expect(deleted.TableDescription?.TableStatus).toBe('DELETING');
  });

  it('answers a missing table with ResourceNotFoundException in AWS words', async () => {
    const error = await ddb.send(new DescribeTableCommand({ TableName: 'nope' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe('Requested resource not found: Table: nope not found');
  });

  it('refuses key attributes missing from the definitions', async () => {
    const error = await ddb
      .send(
        new CreateTableCommand({
          TableName: 'bad',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
        }),
      )
      .catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message:
        'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: [x]',
    });
  });

  it('turns point-in-time recovery on and off', async () => {
    await ddb.send(table('pitr'));
    const before = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'pitr' }));
    expect(before.ContinuousBackupsDescription).toEqual({
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    });
    const on = await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'pitr',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    expect(on.ContinuousBackupsDescription?.PointInTimeRecoveryDescription).toMatchObject({
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: 35,
    });
    expect(on.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.EarliestRestorableDateTime).toBeInstanceOf(Date);
    const off = await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'pitr',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      }),
    );
    expect(off.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('DISABLED');
    const missing = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'ghost' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TableNotFoundException);
    expect((missing as Error).message).toBe('Table not found: ghost');
  });

  it('tags tables and stores items by key', async () => {
    await ddb.send(table('items'));
    await waitActive('items');
    const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/items';
    await ddb.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'team', Value: 'tap' }] }));
    expect((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'team', Value: 'tap' }]);
    await ddb.send(
      new PutItemCommand({ TableName: 'items', Item: { pk: { S: 'a' }, n: { N: '3' }, b: { B: new Uint8Array([1, 2]) } } }),
    );
    const got = await ddb.send(new GetItemCommand({ TableName: 'items', Key: { pk: { S: 'a' } } }));
    expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '3' }, b: { B: new Uint8Array([1, 2]) } });
    expect((await ddb.send(new GetItemCommand({ TableName: 'items', Key: { pk: { S: 'zz' } } }))).Item).toBeUndefined();
    const noKey = await ddb.send(new PutItemCommand({ TableName: 'items', Item: { n: { N: '1' } } })).catch((e: Error) => e);
    expect((noKey as Error).message).toBe('One or more parameter values were invalid: Missing the key pk in the item');
  });

  it('raw HTTP: unknown operation and a missing member', async () => {
    const post = (target: string, body: string) =>
      fetch(server.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': target,
          authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/eu-west-1/dynamodb/aws4_request, Signature=x',
        },
      });
    const unknown = await post('DynamoDB_20120810.Frobnicate', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const missing = await post('DynamoDB_20120810.DescribeTable', '{}');
    expect(await missing.json()).toMatchObject({
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    });
  });
});
