/** Persistence: state survives a restart on the same data directory; --reset and bad files start clean. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';
import { RESTART_REASON } from '../src/state/regional-store';
import { allEvents, eventLines, waitForStack } from '../src/testing';

const TOPIC = JSON.stringify({
  Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
  Outputs: { Name: { Value: { 'Fn::GetAtt': ['Topic', 'TopicName'] } } },
});
const KEY = JSON.stringify({
  Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } } },
});

/** The admin API's required header (admin.ts ADMIN_HEADER). */
const ADMIN = 'x-localaws-admin';
let dataDir: string;
let server: Localaws | undefined;
let cfn: CloudFormationClient | undefined;
const logs: string[] = [];

async function start(options: { speed?: number; reset?: boolean } = {}): Promise<CloudFormationClient> {
  cfn?.destroy();
  server = await startLocalaws({
    port: 0,
    speed: options.speed ?? 200,
    dataDir,
    reset: options.reset,
    log: (line) => logs.push(line),
  });
  cfn = new CloudFormationClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return cfn;
}

async function restart(options: { speed?: number; reset?: boolean } = {}): Promise<CloudFormationClient> {
  await server?.close();
  return start(options);
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'localaws-state-'));
  logs.length = 0;
});
afterEach(async () => {
  cfn?.destroy();
  cfn = undefined;
  await server?.close();
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps a stack, its events and outputs across a restart; --reset clears them', async () => {
    let client = await start();
    const { StackId } = await client.send(new CreateStackCommand({ StackName: 'kept', TemplateBody: TOPIC }));
    expect(await waitForStack(client, StackId!)).toBe('CREATE_COMPLETE');
    const before = await allEvents(client, 'kept');

    client = await restart();
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: 'kept' }));
    expect(Stacks?.[0]).toMatchObject({ StackId, StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'Name' }] });
    const after = await allEvents(client, 'kept');
    expect(eventLines(after.events)).toEqual(eventLines(before.events));
    expect(after.events.map((e) => e.EventId)).toEqual(before.events.map((e) => e.EventId));
    expect(after.events[0]?.Timestamp).toEqual(before.events[0]?.Timestamp);

    client = await restart({ reset: true });
    await expect(client.send(new DescribeStacksCommand({ StackName: 'kept' }))).rejects.toThrow(
      'Stack with id kept does not exist',
    );
    expect(logs.some((line) => line.includes('--reset'))).toBe(true);
  });

  it('settles a stack caught mid-create as CREATE_FAILED with a reason', async () => {
    // Speed 1: a KMS key takes ~30 s, so the stack is certainly still creating when localaws stops.
    let client = await start({ speed: 1 });
    const { StackId } = await client.send(new CreateStackCommand({ StackName: 'interrupted', TemplateBody: KEY }));
    client = await restart();
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: StackId }));
    expect(Stacks?.[0]).toMatchObject({ StackStatus: 'CREATE_FAILED', StackStatusReason: RESTART_REASON });
    const { events } = await allEvents(client, 'interrupted');
    expect(eventLines(events).at(-1)).toBe(`interrupted CREATE_FAILED ${RESTART_REASON}`);
    expect(logs.some((line) => line.includes('interrupted by the restart'))).toBe(true);
  });

  it('loads the other stores when one store file is unreadable, and names it', async () => {
    let client = await start();
    const { StackId } = await client.send(new CreateStackCommand({ StackName: 'survivor', TemplateBody: TOPIC }));
    expect(await waitForStack(client, StackId!)).toBe('CREATE_COMPLETE');
    await server?.close();
    server = undefined;
    writeFileSync(path.join(dataDir, 'stores', 'sns.topics.v8'), 'this is not a store');
    rmSync(path.join(dataDir, 'stores', 'sns.topics.v8.bak'), { force: true });
    client = await start();
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: 'survivor' }));
    expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    expect(readdirSync(path.join(dataDir, 'stores')).some((name) => name.startsWith('sns.topics.v8.unreadable-'))).toBe(true);
    expect(logs.some((line) => line.includes('could not load store "sns.topics"'))).toBe(true);
  });

  it('keeps the alarm speed-up set through the admin API', async () => {
    await start();
    await fetch(`${server!.url}/_localaws/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN]: '1' },
      body: JSON.stringify({ alarmSpeedup: 60 }),
    });
    await restart();
    const clock = (await (await fetch(`${server!.url}/_localaws/clock`, { headers: { [ADMIN]: '1' } })).json()) as {
      alarmSpeedup: number;
    };
    expect(clock.alarmSpeedup).toBe(60);
  });

  it('refuses a second localaws on the same data directory', async () => {
    await start();
    await expect(startLocalaws({ port: 0, dataDir, log: () => undefined })).rejects.toThrow(/in use by another localaws/);
  });

  it('stays in memory without a data directory', async () => {
    const memory = await startLocalaws({ port: 0, log: () => undefined });
    await memory.close();
    expect(existsSync(path.join(process.cwd(), 'state.v8'))).toBe(false);
  });
});
