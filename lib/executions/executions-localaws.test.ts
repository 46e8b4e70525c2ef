/**
 * The execution page's reads (lib/aws/sfn-executions.ts through lib/reads/executions.ts) against a real
 * localaws: a small workflow with a caught task failure, a Parallel whose failing branch is caught, a Choice and
 * an unreached state, so the history's wire shapes are what stateOutcomes reads.
 */
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalaws, type Localaws } from 'localaws';
import { waitForExecution } from 'localaws/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExecutionView, readExecutionsList } from '@/lib/reads/executions';

const REGION = 'us-east-1';
let server: Localaws;
let sfn: SFNClient;
let stateMachineArn: string;

const definition = {
  StartAt: 'Start',
  States: {
    Start: { Type: 'Pass', Next: 'ReadMissingBucket' },
    ReadMissingBucket: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:getBucketVersioning',
      Parameters: { Bucket: 'tapdeck-no-such-bucket-for-this-test' },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Checks' }],
      Next: 'Unreached',
    },
    Unreached: { Type: 'Pass', End: true },
    Checks: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Fine', States: { Fine: { Type: 'Pass', End: true } } },
        { StartAt: 'Broken', States: { Broken: { Type: 'Fail', Error: 'Broken', Cause: 'on purpose' } } },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Decide' }],
      End: true,
    },
    Decide: { Type: 'Choice', Choices: [{ Variable: '$.go', IsPresent: true, Next: 'Unreached' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 10, log: () => undefined });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.url,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  sfn = new SFNClient({
    endpoint: server.url,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    disableHostPrefix: true,
  });
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'outcomes',
      definition: JSON.stringify(definition),
      roleArn: 'arn:aws:iam::000000000000:role/sfn-role',
    }),
  );
  stateMachineArn = created.stateMachineArn!;
});

afterAll(async () => {
  sfn?.destroy();
  await server?.close();
});

describe('execution reads on localaws', () => {
  it('colours each state by its outcome from the real history, and lists the run', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'outcomes-1', input: '{"dryRun":true}' }),
    );
    expect((await waitForExecution(sfn, executionArn!)).status).toBe('SUCCEEDED');

    const view = await readExecutionView(stateMachineArn, 'outcomes-1');
    expect(view?.execution).toMatchObject({ name: 'outcomes-1', status: 'SUCCEEDED', dryRun: true });
    expect(view?.outcomes).toMatchObject({
      Start: 'succeeded',
      ReadMissingBucket: 'caught',
      Checks: 'caught',
      Fine: 'succeeded',
      Broken: 'failed',
      Decide: 'succeeded',
      Done: 'succeeded',
    });
    expect(view?.outcomes.Unreached).toBeUndefined();
    expect(view?.history[0]).toMatchObject({ id: 1, type: 'ExecutionStarted' });
    expect(view?.history.find((e) => e.type === 'TaskFailed')).toMatchObject({ resource: 'aws-sdk:s3:getBucketVersioning' });
    expect(view?.layout?.nodes.length).toBeGreaterThan(8);

    expect(await readExecutionView(stateMachineArn, 'no-such-run')).toBeNull();
    expect(await readExecutionView(stateMachineArn, 'bad name')).toBeNull();
    const list = await readExecutionsList(stateMachineArn);
    expect(list).toEqual([expect.objectContaining({ name: 'outcomes-1', status: 'SUCCEEDED', dryRun: true })]);
  });
});
