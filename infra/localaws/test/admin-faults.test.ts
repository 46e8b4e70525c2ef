/** The admin API: fault injection through the real SDK (each protocol's own throttling error), counts, latency, bad input. */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
const config = () => ({
  endpoint: server.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});
let cfn: CloudFormationClient;

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined });
  cfn = new CloudFormationClient(config());
});
afterAll(async () => {
  cfn.destroy();
  await server.close();
});
beforeEach(() => admin('DELETE', 'faults'));

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/_localaws/${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The error a call fails with, as the SDK reports it: name (the AWS code) and HTTP status. */
async function failure(call: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  return { name: 'no error', message: '' };
}

describe('fault injection', () => {
  it('throttles every matching call with the service’s own error, per protocol', async () => {
    const rules = ['cloudformation', 'kms', 'dynamodb', 'states', 'monitoring'].map((service) => ({ service, throttleRate: 1 }));
    expect((await admin('POST', 'faults', rules)).status).toBe(200);
    expect(await failure(cfn.send(new DescribeStacksCommand({})))).toEqual({
      name: 'Throttling',
      status: 400,
      message: 'Rate exceeded',
    });
    const kms = new KMSClient(config());
    const dynamodb = new DynamoDBClient(config());
    const sfn = new SFNClient(config());
    const cloudwatch = new CloudWatchClient(config());
    try {
      expect(await failure(kms.send(new ListKeysCommand({})))).toEqual({
        name: 'ThrottlingException',
        status: 400,
        message: 'Rate exceeded',
      });
      expect(await failure(dynamodb.send(new ListTablesCommand({})))).toMatchObject({ name: 'ThrottlingException', status: 400 });
      expect(await failure(dynamodb.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } } })))).toMatchObject({
        name: 'ProvisionedThroughputExceededException',
        status: 400,
      });
      expect(await failure(sfn.send(new ListStateMachinesCommand({})))).toEqual({
        name: 'ThrottlingException',
        status: 400,
        message: 'Rate exceeded',
      });
      expect(await failure(cloudwatch.send(new DescribeAlarmsCommand({})))).toMatchObject({ name: 'Throttling', status: 400 });
    } finally {
      for (const client of [kms, dynamodb, sfn, cloudwatch]) client.destroy();
    }
  });

  it('fails calls with a 500, honours count and operation, and then lets calls through', async () => {
    await admin('POST', 'faults', { service: 'cloudformation', operation: 'DescribeStacks', errorRate: 1, count: 2 });
    expect(await failure(cfn.send(new DescribeStacksCommand({})))).toMatchObject({ name: 'InternalFailure', status: 500 });
    expect(await failure(cfn.send(new DescribeStacksCommand({})))).toMatchObject({ name: 'InternalFailure', status: 500 });
    await expect(cfn.send(new DescribeStacksCommand({}))).resolves.toMatchObject({ Stacks: [] });
    expect((await admin('GET', 'faults')).json.rules).toEqual([]);
  });

  it('matches only the given account', async () => {
    await admin('POST', 'faults', { service: 'cloudformation', account: '111111111111', throttleRate: 1 });
    await expect(cfn.send(new DescribeStacksCommand({}))).resolves.toBeDefined();
    const other = new CloudFormationClient({ ...config(), credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' } });
    expect((await failure(other.send(new DescribeStacksCommand({})))).name).toBe('Throttling');
    other.destroy();
  });

  it('draws from a seeded random: the same seed throttles the same calls', async () => {
    const outcomes = async () => {
      const seen: string[] = [];
      for (let i = 0; i < 12; i += 1) seen.push((await failure(cfn.send(new DescribeStacksCommand({})))).name);
      return seen.join(',');
    };
    await admin('POST', 'faults', { seed: 42, rules: [{ service: 'cloudformation', throttleRate: 0.5 }] });
    const first = await outcomes();
    await admin('POST', 'faults', { seed: 42 });
    expect(await outcomes()).toBe(first);
    expect(first).toContain('Throttling');
    expect(first).toContain('no error');
  });

  it('adds latency in real time', async () => {
    await admin('POST', 'faults', { service: 'cloudformation', latencyMs: 150, count: 1 });
    const started = performance.now();
    await cfn.send(new DescribeStacksCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers bad input with a 400 and a JSON error', async () => {
    expect(await admin('POST', 'faults', '{not json')).toEqual({
      status: 400,
      json: { error: 'request body is not valid JSON' },
    });
    expect((await admin('POST', 'faults', { throttleRate: 1 })).json.error).toMatch(/needs "service"/);
    expect((await admin('POST', 'faults', { service: 's3', throttleRate: 2 })).status).toBe(400);
    expect((await admin('POST', 'faults', { service: 's3', bogus: 1, latencyMs: 1 })).json.error).toMatch(
      /unknown fault rule field/,
    );
    expect((await admin('POST', 'faults', { seed: 'x' })).status).toBe(400);
    expect((await admin('PUT', 'faults')).status).toBe(405);
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });
});

describe('admin state, clock and memory', () => {
  it('counts state per account and region', async () => {
    const { json } = await admin('GET', 'state');
    expect(json).toHaveProperty('accounts');
  });

  it('reports memory', async () => {
    const { json } = await admin('GET', 'memory');
    expect(json.rss).toBeGreaterThan(0);
    expect(json.heapUsed).toBeGreaterThan(0);
  });

  it('sets the alarm speed-up and refuses nonsense', async () => {
    expect(await admin('POST', 'clock', { alarmSpeedup: 60 })).toEqual({ status: 200, json: { alarmSpeedup: 60 } });
    expect((await admin('GET', 'clock')).json).toEqual({ alarmSpeedup: 60 });
    expect((await admin('POST', 'clock', { alarmSpeedup: -1 })).status).toBe(400);
    await admin('POST', 'clock', { alarmSpeedup: 1 });
  });

  it('refuses to save without a data directory', async () => {
    expect((await admin('POST', 'state/save')).status).toBe(409);
  });
});
