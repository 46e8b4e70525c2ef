/** The real aws-cdk CLI deploying, updating and destroying a small app against localaws. */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, eventLines, startTestEnv, stopTestEnv, type TestEnv } from '../src/testing';
import { synthFixture } from './fixtures/cdk-app';

const run = promisify(execFile);
const CDK = createRequire(import.meta.url).resolve('aws-cdk/bin/cdk');
const STACK = 'LocalawsCliFixture';

let env: TestEnv;
let home: string;
/** The fixture app synthesized with the alarm's first threshold, and with the changed one for the update. */
let assemblies: { first: string; changed: string };

beforeAll(async () => {
  // Fast enough that resources never outlast the CLI's own 5 s change-set polling.
  env = await startTestEnv(50);
  home = await mkdtemp(join(tmpdir(), 'localaws-cdk-'));
  assemblies = {
    first: synthFixture(join(home, 'first'), STACK, 1),
    changed: synthFixture(join(home, 'changed'), STACK, 5),
  };
});
afterAll(async () => {
  await stopTestEnv(env);
  await rm(home, { recursive: true, force: true });
});

/** Runs the CLI asynchronously: localaws serves from this same process and must keep answering. */
async function cdk(args: string[], assembly = assemblies.first): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [CDK, ...args, '--app', assembly], {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: env.server.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      CDK_HOME: home,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CI: 'true',
    },
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout + stderr;
}

async function stackStatus(): Promise<string | undefined> {
  const { Stacks } = await env.cfn.send(new DescribeStacksCommand({ StackName: STACK }));
  return Stacks?.[0]?.StackStatus;
}

describe('aws-cdk CLI against localaws', () => {
  it('deploys a new stack to CREATE_COMPLETE', { timeout: 120_000 }, async () => {
    const output = await cdk(['deploy', '--require-approval', 'never']);
    expect(output).toContain(`✅  ${STACK}`);
    expect(await stackStatus()).toBe('CREATE_COMPLETE');
    const lines = eventLines((await allEvents(env.cfn, STACK)).events);
    expect(lines[0]).toBe(`${STACK} REVIEW_IN_PROGRESS User Initiated`);
    // The key, the log group, the alarm and the stack (an in-process synthesis adds no CDKMetadata resource).
    expect(lines.filter((l) => l.endsWith('CREATE_COMPLETE')).length).toBe(4);
  });

  it('deploys a changed property as an update', { timeout: 120_000 }, async () => {
    const output = await cdk(['deploy', '--require-approval', 'never'], assemblies.changed);
    expect(output).toContain(`✅  ${STACK}`);
    expect(await stackStatus()).toBe('UPDATE_COMPLETE');
    const lines = eventLines((await allEvents(env.cfn, STACK)).events);
    expect(lines.slice(lines.lastIndexOf(`${STACK} UPDATE_IN_PROGRESS User Initiated`))).toEqual([
      `${STACK} UPDATE_IN_PROGRESS User Initiated`,
      expect.stringMatching(/^Errors[0-9A-F]{8} UPDATE_IN_PROGRESS$/),
      expect.stringMatching(/^Errors[0-9A-F]{8} UPDATE_COMPLETE$/),
      `${STACK} UPDATE_COMPLETE`,
    ]);
  });

  it('destroys the stack to DELETE_COMPLETE', { timeout: 120_000 }, async () => {
    await cdk(['destroy', '--force']);
    await expect(stackStatus()).rejects.toMatchObject({ message: `Stack with id ${STACK} does not exist` });
    const { StackSummaries } = await env.cfn.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
    expect(StackSummaries?.map((s) => s.StackName)).toContain(STACK);
  });
});
