/** Step Functions executions through the real SDK: they really run (Pass/Choice/Fail/Map/Parallel/Retry/Catch/Task). */
import {
  CreateStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidExecutionInput,
  ListExecutionsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';
import { ACCOUNT, historyOf, ROLE, sfnClient, types, waitForExecution } from '../src/testing';

let server: Localaws;
let sfn: SFNClient;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  sfn = sfnClient(server.url);
});
afterAll(async () => {
  sfn?.destroy();
  await server?.close();
});

async function machine(name: string, definition: object): Promise<string> {
  return (
    (await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE })))
      .stateMachineArn ?? ''
  );
}
async function run(stateMachineArn: string, input: object, name?: string) {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }));
  return { executionArn: executionArn ?? '', result: await waitForExecution(sfn, executionArn ?? '') };
}

const CHOICE = {
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Pass', Parameters: { 'who.$': '$.who', greeting: 'hello' }, ResultPath: '$.out', Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.who', StringEquals: 'bad', Next: 'Refuse' }], Default: 'Done' },
    Refuse: { Type: 'Fail', Error: 'Refused', Cause: 'bad is not welcome' },
    Done: { Type: 'Succeed', OutputPath: '$.out' },
  },
};

describe('Step Functions executions', () => {
  it('runs Pass/Choice/Succeed to SUCCEEDED with output, and Fail to FAILED with error and cause', async () => {
    const arn = await machine('choice', CHOICE);
    const ok = await run(arn, { who: 'ana' });
    expect(ok.result).toMatchObject({ status: 'SUCCEEDED', stateMachineArn: arn, input: '{"who":"ana"}' });
    expect(JSON.parse(ok.result.output ?? '')).toEqual({ who: 'ana', greeting: 'hello' });
    expect(ok.result.stopDate?.getTime()).toBeGreaterThanOrEqual(ok.result.startDate?.getTime() ?? 0);
    expect(types(await historyOf(sfn, ok.executionArn))).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);

    const bad = await run(arn, { who: 'bad' });
    expect(bad.result).toMatchObject({ status: 'FAILED', error: 'Refused', cause: 'bad is not welcome' });
    const history = await historyOf(sfn, bad.executionArn);
    expect(types(history).slice(-2)).toEqual(['FailStateEntered', 'ExecutionFailed']);
    expect(history.at(-1)?.executionFailedEventDetails).toEqual({ error: 'Refused', cause: 'bad is not welcome' });
  });

  it('shapes history events as AWS does: ids, previousEventId, timestamps, details; reverseOrder and pages', async () => {
    const arn = await machine('shapes', CHOICE);
    const { executionArn } = await run(arn, { who: 'ana' });
    const events = await historyOf(sfn, executionArn);
    events.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      expect(e.previousEventId).toBe(i);
      expect(e.timestamp).toBeInstanceOf(Date);
    });
    expect(events[0]?.executionStartedEventDetails).toEqual({
      input: '{"who":"ana"}',
      inputDetails: { truncated: false },
      roleArn: ROLE,
    });
    expect(events[1]?.stateEnteredEventDetails).toEqual({
      name: 'Greet',
      input: '{"who":"ana"}',
      inputDetails: { truncated: false },
    });
    expect(JSON.parse(events[2]?.stateExitedEventDetails?.output ?? '')).toEqual({
      who: 'ana',
      out: { who: 'ana', greeting: 'hello' },
    });

    const page1 = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 5 }));
    expect(page1.events?.map((e) => e.id)).toEqual([8, 7, 6, 5, 4]);
    const page2 = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 5, nextToken: page1.nextToken }),
    );
    expect(page2.events?.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(page2.nextToken).toBeUndefined();
    const noData = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(noData.events?.[0]?.executionStartedEventDetails).toEqual({ roleArn: ROLE });
  });

  it('retries with exponential backoff, then catches', async () => {
    const arn = await machine('retry', {
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Throttle',
              States: { Throttle: { Type: 'Fail', Error: 'Custom.ThrottlingException', Cause: 'slow down' } },
            },
          ],
          // 1 + 2 + 4 simulated seconds at speed 200: about 35 ms of real time.
          Retry: [{ ErrorEquals: ['Custom.ThrottlingException'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recovered' }],
          End: true,
        },
        Recovered: { Type: 'Pass', End: true },
      },
    });
    const { executionArn, result } = await run(arn, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '')).toEqual({ error: { Error: 'Custom.ThrottlingException', Cause: 'slow down' } });
    const history = await historyOf(sfn, executionArn);
    const attempts = history.filter((e) => e.type === 'ParallelStateEntered');
    expect(attempts).toHaveLength(1);
    const failed = history.filter((e) => e.type === 'ParallelStateFailed');
    // the first try and three retries
    expect(failed).toHaveLength(4);
    const gaps = failed.slice(1).map((e, i) => (e.timestamp?.getTime() ?? 0) - (failed[i]?.timestamp?.getTime() ?? 0));
    expect(gaps[2]).toBeGreaterThanOrEqual(gaps[0] ?? 0);
    expect(types(history).slice(-3)).toEqual(['PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('maps over an array with MapStateStarted/MapIteration* events', async () => {
    const arn = await machine('map', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'n.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
          MaxConcurrency: 2,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Double',
            States: { Double: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.n, $.n)' }, End: true } },
          },
          End: true,
        },
      },
    });
    const { executionArn, result } = await run(arn, { items: [1, 2, 3] });
    expect(JSON.parse(result.output ?? '')).toEqual([{ sum: 2 }, { sum: 4 }, { sum: 6 }]);
    const history = await historyOf(sfn, executionArn);
    expect(history.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({ length: 3 });
    expect(
      history
        .filter((e) => e.type === 'MapIterationSucceeded')
        .map((e) => e.mapIterationSucceededEventDetails?.index)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(types(history).slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('runs aws-sdk tasks against localaws, naming SDK errors as AWS does (Sfn.StateMachineDoesNotExistException)', async () => {
    const arn = await machine('sdk', {
      StartAt: 'WhoAmI',
      States: {
        WhoAmI: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sts:getCallerIdentity',
          Parameters: {},
          ResultSelector: { 'account.$': '$.Account' },
          ResultPath: '$.caller',
          Next: 'Describe',
        },
        Describe: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine',
          Parameters: { 'StateMachineArn.$': '$.target' },
          Catch: [{ ErrorEquals: ['Sfn.StateMachineDoesNotExistException'], ResultPath: '$.error', Next: 'Missing' }],
          End: true,
        },
        Missing: { Type: 'Pass', End: true },
      },
    });
    const found = await run(arn, { target: arn });
    expect(found.result.status).toBe('SUCCEEDED');
    // PascalCase parameters reach the camelCase SFN API; the output comes back PascalCase.
    expect(JSON.parse(found.result.output ?? '')).toMatchObject({ Name: 'sdk', StateMachineArn: arn });
    const missing = await run(arn, { target: `${arn}-nope` });
    const output = JSON.parse(missing.result.output ?? '');
    expect(output.caller).toEqual({ account: ACCOUNT });
    expect(output.error.Error).toBe('Sfn.StateMachineDoesNotExistException');
    expect(output.error.Cause).toMatch(/State Machine Does Not Exist: .*\(Service: Sfn, Status Code: 400, Request ID: /);
    const history = await historyOf(sfn, missing.executionArn);
    expect(types(history).slice(1, 7)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
    ]);
    expect(history.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails).toEqual({
      resourceType: 'aws-sdk:sts',
      resource: 'getCallerIdentity',
      region: 'us-east-1',
      parameters: '{}',
    });
    expect(history.find((e) => e.type === 'TaskFailed')?.taskFailedEventDetails).toMatchObject({
      resourceType: 'aws-sdk:sfn',
      resource: 'describeStateMachine',
      error: 'Sfn.StateMachineDoesNotExistException',
    });
  });

  it('stops a running execution (ABORTED with error and cause), lists by status with pages, refuses duplicates and bad input', async () => {
    const arn = await machine('waits', { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 3600, End: true } } });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'nap-1', input: '{}' }));
    expect(executionArn).toBe(`arn:aws:states:us-east-1:${ACCOUNT}:execution:waits:nap-1`);
    // Same name and input while running: the same execution.
    expect((await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'nap-1', input: '{}' }))).executionArn).toBe(
      executionArn,
    );
    const dup = await sfn
      .send(new StartExecutionCommand({ stateMachineArn: arn, name: 'nap-1', input: '{"x":1}' }))
      .catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ExecutionAlreadyExists);
    const badInput = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{nope' })).catch((e: unknown) => e);
    expect(badInput).toBeInstanceOf(InvalidExecutionInput);
    await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'nap-2' }));

    const stopped = await sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'no longer needed' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const result = await waitForExecution(sfn, executionArn ?? '');
    expect(result).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'no longer needed' });
    const history = await historyOf(sfn, executionArn ?? '');
    expect(history.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'no longer needed' },
    });

    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    expect(running.executions?.map((e) => e.name)).toEqual(['nap-2']);
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1 }));
    expect(page.executions?.map((e) => e.name)).toEqual(['nap-2']);
    const rest = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1, nextToken: page.nextToken }));
    expect(rest.executions?.map((e) => [e.name, e.status])).toEqual([['nap-1', 'ABORTED']]);

    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution).toMatchObject({ stateMachineArn: arn, name: 'waits', roleArn: ROLE });
    const none = await sfn
      .send(new DescribeStateMachineForExecutionCommand({ executionArn: `${executionArn}-x` }))
      .catch((e: unknown) => e);
    expect(none).toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('times out an execution after TimeoutSeconds (scaled by speed)', async () => {
    const arn = await machine('slow', {
      StartAt: 'Nap',
      TimeoutSeconds: 2,
      States: { Nap: { Type: 'Wait', Seconds: 60, End: true } },
    });
    const { executionArn, result } = await run(arn, {});
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(types(await historyOf(sfn, executionArn)).at(-1)).toBe('ExecutionTimedOut');
  });
});
