/**
 * No execution can hang or exhaust localaws (issue 8): a Pass → Choice → Pass loop fails at AWS's 25,000-event
 * history cap while health checks keep answering, StopExecution and TimeoutSeconds end loops promptly, throttled
 * StartExecution calls move an ExecutionThrottled alarm, and each state machine keeps its newest finished executions.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';
import { ACCOUNT, ROLE, sfnClient, waitForExecution } from '../src/testing';

let server: Localaws;
let sfn: SFNClient;

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined });
  sfn = sfnClient(server.url);
  // Node loads its fetch implementation on first use: not something to time as the server's latency.
  await (await fetch(`${server.url}/_localaws/health`)).arrayBuffer();
});
afterAll(async () => {
  sfn?.destroy();
  await server?.close();
});

const LOOP = {
  StartAt: 'Spin',
  States: {
    Spin: { Type: 'Pass', Result: { spin: true }, Next: 'Again' },
    Again: { Type: 'Choice', Choices: [{ Variable: '$.spin', BooleanEquals: true, Next: 'Spin' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

async function createMachine(name: string, definition: object): Promise<string> {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }),
  );
  return stateMachineArn ?? '';
}

async function start(stateMachineArn: string, name?: string): Promise<string> {
  return (await sfn.send(new StartExecutionCommand({ stateMachineArn, name }))).executionArn ?? '';
}

/** Times GET /_localaws/health every `everyMs` until `done` resolves. */
async function healthLatencies(done: Promise<unknown>, everyMs = 25): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const latencies: number[] = [];
  while (!finished) {
    const t0 = performance.now();
    const response = await fetch(`${server.url}/_localaws/health`);
    await response.arrayBuffer();
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return latencies;
}

async function admin(method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${server.url}/_localaws/${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('Step Functions limits', () => {
  it('fails a Pass → Choice → Pass loop at 25,000 history events as AWS does, while health keeps answering', async () => {
    const arn = await createMachine('spin-forever', LOOP);
    const t0 = performance.now();
    const executionArn = await start(arn);
    const done = waitForExecution(sfn, executionArn, 25_000);
    const latencies = await healthLatencies(done);
    const result = await done;
    const elapsed = performance.now() - t0;
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
    console.info(
      `25,000-event execution: ${elapsed.toFixed(0)} ms; health ${latencies.length}× ${latencies.map((l) => l.toFixed(0)).join(' ')} ms`,
    );
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...latencies)).toBeLessThan(100);

    // Event 25,000 is the failure itself; 24,999 is the last one the machine produced.
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
    expect(events[0]).toMatchObject({ id: 25000, previousEventId: 24999, type: 'ExecutionFailed' });
    expect(events[0]?.executionFailedEventDetails).toEqual({
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
    expect(events[1]).toMatchObject({ id: 24999 });
    expect(events[1]?.type).toMatch(/^(Pass|Choice)State(Entered|Exited)$/);
  });

  it('stops a looping execution within a second of StopExecution, and honours the definition’s TimeoutSeconds', async () => {
    const arn = await createMachine('spin-stopped', LOOP);
    const executionArn = await start(arn);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const t0 = performance.now();
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Halt', cause: 'looping' }));
    const stopped = await waitForExecution(sfn, executionArn, 1_000);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Halt', cause: 'looping' });
    const last = async () =>
      (await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }))).events?.[0];
    const aborted = await last();
    expect(aborted).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Halt', cause: 'looping' },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await last())?.id).toBe(aborted?.id);

    // 20 s at speed 200 is 100 ms: well before the loop could reach the history cap.
    const timed = await createMachine('spin-timed', { ...LOOP, TimeoutSeconds: 20 });
    const timedArn = await start(timed);
    expect(await waitForExecution(sfn, timedArn, 2_000)).toMatchObject({ status: 'TIMED_OUT' });
    expect(
      (await sfn.send(new GetExecutionHistoryCommand({ executionArn: timedArn, reverseOrder: true, maxResults: 1 }))).events?.[0]
        ?.type,
    ).toBe('ExecutionTimedOut');
  });

  it('keeps memory bounded while several loops run at once', async () => {
    const arn = await createMachine('spin-many', LOOP);
    const before = process.memoryUsage().heapUsed;
    const arns = await Promise.all([1, 2, 3].map(() => start(arn)));
    const results = await Promise.all(arns.map((a) => waitForExecution(sfn, a, 25_000)));
    expect(results.map((r) => r.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    console.info(`heap after three 25,000-event executions: +${grown.toFixed(0)} MB`);
    // Three capped histories of small events; an unbounded loop grows by gigabytes.
    expect(grown).toBeLessThan(400);
  });

  it('counts throttled StartExecution calls as ExecutionThrottled, and an alarm on it goes to ALARM', async () => {
    const arn = await createMachine('throttled', { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    const cw = new CloudWatchClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
    });
    const once = new SFNClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    try {
      const dimensions = [{ Name: 'StateMachineArn', Value: arn }];
      // As the TapStack's alarm: any throttled start within five minutes.
      await cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'sfn-throttled',
          Namespace: 'AWS/States',
          MetricName: 'ExecutionThrottled',
          Dimensions: dimensions,
          Statistic: 'Sum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        }),
      );
      expect(await admin('POST', 'faults', { service: 'states', operation: 'StartExecution', throttleRate: 1, count: 3 })).toBe(
        200,
      );
      for (let i = 0; i < 3; i += 1)
        await expect(once.send(new StartExecutionCommand({ stateMachineArn: arn }))).rejects.toMatchObject({
          name: 'ThrottlingException',
        });
      await expect(once.send(new StartExecutionCommand({ stateMachineArn: arn }))).resolves.toMatchObject({
        executionArn: expect.any(String),
      });

      const now = Date.now();
      const stats = await cw.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/States',
          MetricName: 'ExecutionThrottled',
          Dimensions: dimensions,
          StartTime: new Date(now - 600_000),
          EndTime: new Date(now + 60_000),
          Period: 600,
          Statistics: ['Sum', 'SampleCount'],
        }),
      );
      expect(stats.Datapoints?.reduce((sum, p) => sum + (p.Sum ?? 0), 0)).toBe(3);

      expect(await admin('POST', 'clock', { alarmSpeedup: 300 })).toBe(200);
      const deadline = Date.now() + 15_000;
      let state: string | undefined;
      while (Date.now() < deadline && state !== 'ALARM') {
        state = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['sfn-throttled'] }))).MetricAlarms?.[0]?.StateValue;
        if (state !== 'ALARM') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(state).toBe('ALARM');
    } finally {
      await admin('POST', 'clock', { alarmSpeedup: 1 });
      await admin('DELETE', 'faults');
      cw.destroy();
      once.destroy();
    }
  });

  it('keeps the newest 1,000 finished executions per state machine, dropping the oldest with their history', async () => {
    const arn = await createMachine('busy', { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    const names = Array.from({ length: 1_005 }, (_, i) => `run-${String(i).padStart(4, '0')}`);
    // Raw HTTP as an SDK sends it (its signing would dominate; fetch adds the Sec-Fetch headers localaws refuses);
    // in start order, 20 at a time; each execution ends within a few turns.
    const auth = `AWS4-HMAC-SHA256 Credential=${ACCOUNT}/20260101/us-east-1/states/aws4_request, Signature=x`;
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AWSStepFunctions.StartExecution',
      authorization: auth,
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const startRaw = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(server.url, { method: 'POST', headers, agent }, (res) =>
          res.resume().on('end', () => resolve(res.statusCode ?? 0)),
        );
        req.on('error', reject);
        req.end(JSON.stringify({ stateMachineArn: arn, name }));
      });
    try {
      for (let i = 0; i < names.length; i += 20)
        expect(new Set(await Promise.all(names.slice(i, i + 20).map(startRaw)))).toEqual(new Set([200]));
    } finally {
      agent.destroy();
    }
    await waitForExecution(sfn, `${arn.replace(':stateMachine:', ':execution:')}:${names.at(-1)}`);
    const listed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1000, nextToken }));
      listed.push(...(page.executions ?? []).map((e) => e.name ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(listed).toHaveLength(1_000);
    expect(listed.at(-1)).toBe('run-0005');
    expect(listed[0]).toBe('run-1004');
    const dropped = `${arn.replace(':stateMachine:', ':execution:')}:run-0000`;
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: dropped }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: dropped }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });
});
