/**
 * The TapStack's whole life on one localaws, as AWS would behave (issue "localaws: the TapStack's whole life,
 * locally, as AWS would behave"): a dry-run execution produces the plan; an apply-mode execution changes the
 * buckets/tables; a throttled task is retried, logged, counted by the Throttles filter, and moves its alarm to
 * ALARM within the alarm's period; an unrecoverable failure fails the execution and raises the error alarms.
 *
 * Path: demo seeding (target account 111111111111, role TapStackTarget) → in-process synthesis (./synth) → SDK
 * CreateStack with the seed's parameters → executions through the SFN API → promotion by UpdateStack with
 * UsePreviousTemplate and only Mode changed → faults injected through the admin API. The steps share the stack
 * and run in order; the alarm speed-up makes the alarms' 300 s period a 3 s window of real time.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  type Dimension,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeContinuousBackupsCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { GetBucketVersioningCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoParameters } from '../../scripts/demo';
import { DEMO_BUCKETS, DEMO_TABLES, DEMO_TARGET_ACCOUNT } from '../../scripts/demo/seed';
import { startLocalaws, type Localaws } from 'localaws';
import { waitForStack } from 'localaws/testing';
import { sharedTemplate } from './synth';

const SUFFIX = 'life';
const STACK = `TapStack-${SUFFIX}`;
const NAMESPACE = `TapStack/${SUFFIX}`;
const SPEED = 100;
/** 300 s alarm period → a 3 s window of real time. */
const ALARM_SPEEDUP = 100;
const PERIOD_MS = (300 * 1000) / ALARM_SPEEDUP;
const TIMEOUT = 120_000;
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;
const REGION = 'us-east-1';

const home = { region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const target = { region: REGION, credentials: { accessKeyId: DEMO_TARGET_ACCOUNT, secretAccessKey: 'test' } };

let server: Localaws;
let cfn: CloudFormationClient;
let sfn: SFNClient;
let cw: CloudWatchClient;
let logs: CloudWatchLogsClient;
let s3: S3Client;
let ddb: DynamoDBClient;
let seeded: DemoParameters;
let outputs: Record<string, string> = {};
const summary: string[] = [];

const note = (line: string) => summary.push(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: SPEED, log: () => undefined });
  const endpoint = server.url;
  cfn = new CloudFormationClient({ ...home, endpoint });
  sfn = new SFNClient({ ...home, endpoint, disableHostPrefix: true });
  cw = new CloudWatchClient({ ...home, endpoint });
  logs = new CloudWatchLogsClient({ ...home, endpoint });
  s3 = new S3Client({ ...target, endpoint, forcePathStyle: true, maxAttempts: 1 });
  ddb = new DynamoDBClient({ ...target, endpoint, maxAttempts: 1 });
  await admin('POST', '/_localaws/clock', { alarmSpeedup: ALARM_SPEEDUP });
});

afterAll(async () => {
  if (summary.length > 0) console.log(`TapStack life on localaws:\n  ${summary.join('\n  ')}`);
  for (const client of [cfn, sfn, cw, logs, s3, ddb]) client?.destroy();
  await server?.close();
});

async function admin(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Polls `read` until `done` holds, or fails with the last value after `timeoutMs`. */
async function pollUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

async function describeStack(): Promise<Stack> {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }));
  const stack = Stacks?.[0];
  if (!stack) throw new Error(`${STACK} not found`);
  return stack;
}

const outputsOf = (stack: Stack) =>
  Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));

// ---- executions --------------------------------------------------------------------------------------------

interface PlanEntry {
  name: string;
  state: string;
  compliant: boolean;
  action: string;
}
interface Plan {
  account: string;
  mode: string;
  dryRun: boolean;
  buckets: PlanEntry[];
  tables: PlanEntry[];
}

interface Run {
  executionArn: string;
  result: DescribeExecutionOutput;
  plan?: Plan;
}

let runs = 0;
async function execute(input: object): Promise<Run> {
  runs += 1;
  const { executionArn = '' } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: outputs.StateMachineArn, name: `life-${runs}`, input: JSON.stringify(input) }),
  );
  const result = await pollUntil(
    `execution ${executionArn}`,
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (out) => out.status !== 'RUNNING',
    30_000,
  );
  return { executionArn, result, plan: result.output ? (JSON.parse(result.output) as Plan) : undefined };
}

async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** "name:action" per bucket and table, for short summaries. */
const planLine = (plan: Plan | undefined) =>
  plan
    ? `mode=${plan.mode} dryRun=${String(plan.dryRun)} ` +
      [...plan.buckets, ...plan.tables].map((e) => `${e.name.replace(/^tapdeck-demo-/, '')}:${e.state}/${e.action}`).join(' ')
    : '(no plan)';

// ---- the target account's state, read as that account --------------------------------------------------------

async function versioningOf(bucket: string): Promise<string> {
  return (await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status ?? 'Disabled';
}
async function pitrOf(table: string): Promise<string> {
  const { ContinuousBackupsDescription } = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: table }));
  return ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? 'DISABLED';
}
async function targetState(): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const b of DEMO_BUCKETS) state[b.name] = await versioningOf(b.name);
  for (const t of DEMO_TABLES) state[t.name] = await pitrOf(t.name);
  return state;
}

const NON_COMPLIANT_BUCKETS = DEMO_BUCKETS.filter((b) => !b.versioning).map((b) => b.name);
const NON_COMPLIANT_TABLES = DEMO_TABLES.filter((t) => !t.pitr).map((t) => t.name);

/** What the plan should list: every seeded bucket/table, with `action` for the non-compliant ones. */
function expectedPlan(
  mode: string,
  dryRun: boolean,
  bucketState: (name: string) => string,
  tableState: (name: string) => string,
  verb: string,
) {
  return {
    account: DEMO_TARGET_ACCOUNT,
    mode,
    dryRun,
    buckets: DEMO_BUCKETS.map(({ name }) => {
      const state = bucketState(name);
      const compliant = state === 'Enabled';
      return { name, state, compliant, action: compliant ? 'none' : `${verb}-versioning` };
    }),
    tables: DEMO_TABLES.map(({ name }) => {
      const state = tableState(name);
      const compliant = state === 'ENABLED';
      return { name, state, compliant, action: compliant ? 'none' : `${verb}-pitr` };
    }),
  };
}

// ---- alarms and metrics ----------------------------------------------------------------------------------------

async function alarmOf(name: string): Promise<MetricAlarm> {
  const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  const alarm = MetricAlarms?.[0];
  if (!alarm) throw new Error(`alarm ${name} not found`);
  return alarm;
}

async function waitForAlarm(
  name: string,
  state: 'OK' | 'ALARM',
  timeoutMs = 20_000,
): Promise<{ alarm: MetricAlarm; ms: number }> {
  const start = Date.now();
  const alarm = await pollUntil(
    `${name} ${state}`,
    () => alarmOf(name),
    (a) => a.StateValue === state,
    timeoutMs,
  );
  return { alarm, ms: Date.now() - start };
}

/** Sum of the metric over the last ten minutes (1-minute datapoints), and the datapoints themselves. */
async function metricSum(namespace: string, metricName: string, dimensions?: Dimension[]) {
  const now = Date.now();
  const { Datapoints = [] } = await cw.send(
    new GetMetricStatisticsCommand({
      Namespace: namespace,
      MetricName: metricName,
      Dimensions: dimensions,
      StartTime: new Date(now - 10 * 60_000),
      EndTime: new Date(now + 60_000),
      Period: 60,
      Statistics: ['Sum', 'SampleCount'],
    }),
  );
  return { sum: Datapoints.reduce((s, d) => s + (d.Sum ?? 0), 0), datapoints: Datapoints };
}

const ALARM_REASON =
  /^Threshold Crossed: 1 out of the last 1 datapoints \[\d+\.0 \(\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\)\] was greater than or equal to the threshold \(1\.0\) \(minimum 1 datapoint for OK -> ALARM transition\)\.$/;

/**
 * Waits for the alarm's history to show a StateUpdate to ALARM since `since`, with AWS's reason, and returns it
 * with the transition's own time. The history, not the current state: with the speed-up a period lasts 3 s, so on
 * a loaded machine the alarm can go to ALARM and back to OK between two polls of DescribeAlarms.
 */
async function expectAlarmRaised(name: string, since: Date, timeoutMs = PERIOD_MS * 10) {
  const toAlarm = await pollUntil(
    `${name} to ALARM since ${since.toISOString()}`,
    async () => {
      const { AlarmHistoryItems = [] } = await cw.send(
        new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: 'StateUpdate', StartDate: since }),
      );
      return AlarmHistoryItems.filter((h) => /to ALARM$/.test(h.HistorySummary ?? '')).at(-1);
    },
    (item) => item !== undefined,
    timeoutMs,
  );
  const data = JSON.parse(toAlarm?.HistoryData ?? '{}') as {
    newState?: { stateValue?: string; stateReason?: string; stateReasonData?: Record<string, unknown> };
  };
  expect(data.newState).toMatchObject({ stateValue: 'ALARM', stateReason: expect.stringMatching(ALARM_REASON) as unknown });
  expect(data.newState?.stateReasonData).toMatchObject({ version: '1.0', statistic: 'Sum', period: 300, threshold: 1 });
  return {
    reason: data.newState?.stateReason ?? '',
    summary: toAlarm?.HistorySummary ?? '',
    at: toAlarm?.Timestamp ?? new Date(),
  };
}

// ---- the life -----------------------------------------------------------------------------------------------

describe('the TapStack on localaws, from seed to alarms', () => {
  it('1. seeds the demo and creates the TapStack in dry-run mode', { timeout: TIMEOUT }, async () => {
    const t0 = Date.now();
    const seed = await seedDemo(server.url, { log: () => undefined });
    seeded = seed.parameters;
    expect(seed.skipped).toEqual([]);
    expect(seeded).toEqual({
      TargetAccountId: DEMO_TARGET_ACCOUNT,
      TargetRoleName: 'TapStackTarget',
      ProtectedBucketNames: DEMO_BUCKETS.map((b) => b.name).join(','),
      ProtectedTableNames: DEMO_TABLES.map((t) => t.name).join(','),
    });

    const parameters: Parameter[] = [
      ...Object.entries(seeded).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      { ParameterKey: 'Mode', ParameterValue: 'dry-run' },
      { ParameterKey: 'ErrorThreshold', ParameterValue: '1' },
      { ParameterKey: 'ThrottleThreshold', ParameterValue: '1' },
    ];
    const body = JSON.stringify(sharedTemplate({ suffix: SUFFIX }));
    const { StackId = '' } = await cfn.send(
      new CreateStackCommand({ StackName: STACK, TemplateBody: body, Parameters: parameters, Capabilities: [...CAPABILITIES] }),
    );
    expect(await waitForStack(cfn, StackId, 60_000)).toBe('CREATE_COMPLETE');
    outputs = outputsOf(await describeStack());
    expect(outputs).toMatchObject({
      ActiveMode: 'dry-run',
      LogGroupName: `/aws/vendedlogs/states/${STACK}`,
      ErrorsAlarmName: `${STACK}-errors`,
      ThrottlesAlarmName: `${STACK}-throttles`,
      ExecutionsFailedAlarmName: `${STACK}-executions-failed`,
    });
    expect(outputs.StateMachineArn).toBe(`arn:aws:states:${REGION}:000000000000:stateMachine:${STACK}`);
    note(
      `1. seeded ${DEMO_BUCKETS.length} buckets + ${DEMO_TABLES.length} tables in ${DEMO_TARGET_ACCOUNT}; ${STACK} CREATE_COMPLETE in ${Date.now() - t0} ms`,
    );
  });

  it('2. dry-run mode: every execution only plans, whatever its input, and changes nothing', { timeout: TIMEOUT }, async () => {
    const before = await targetState();
    const seededBucket = (name: string) => (DEMO_BUCKETS.find((b) => b.name === name)?.versioning ? 'Enabled' : 'Disabled');
    const seededTable = (name: string) => (DEMO_TABLES.find((t) => t.name === name)?.pitr ? 'ENABLED' : 'DISABLED');
    expect(before).toEqual(
      Object.fromEntries([
        ...DEMO_BUCKETS.map((b) => [b.name, seededBucket(b.name)]),
        ...DEMO_TABLES.map((t) => [t.name, seededTable(t.name)]),
      ]),
    );

    for (const input of [{}, { dryRun: false }]) {
      const { result, plan } = await execute(input);
      expect(result.status, result.error ?? '').toBe('SUCCEEDED');
      // dryRun: false is overruled: Mode=dry-run forces a dry run.
      expect(plan).toEqual(expectedPlan('dry-run', true, seededBucket, seededTable, 'would-enable'));
      note(`2. dry-run ${JSON.stringify(input)}: ${planLine(plan)}`);
    }
    expect(await targetState()).toEqual(before);
  });

  it('3. promotion to apply: the execution enables what was off; {"dryRun": true} still only plans', {
    timeout: TIMEOUT,
  }, async () => {
    const t0 = Date.now();
    const previous = (await describeStack()).Parameters ?? [];
    expect(previous.length).toBeGreaterThan(1);
    const { StackId = '' } = await cfn.send(
      new UpdateStackCommand({
        StackName: STACK,
        UsePreviousTemplate: true,
        Capabilities: [...CAPABILITIES],
        Parameters: previous.map(({ ParameterKey }) =>
          ParameterKey === 'Mode' ? { ParameterKey, ParameterValue: 'apply' } : { ParameterKey, UsePreviousValue: true },
        ),
      }),
    );
    expect(await waitForStack(cfn, StackId, 60_000)).toBe('UPDATE_COMPLETE');
    const promoted = await describeStack();
    expect(outputsOf(promoted)).toEqual({ ...outputs, ActiveMode: 'apply' });
    expect(Object.fromEntries((promoted.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue]))).toEqual({
      ...Object.fromEntries(previous.map((p) => [p.ParameterKey, p.ParameterValue])),
      Mode: 'apply',
    });
    note(`3. promoted (UpdateStack, UsePreviousTemplate, Mode=apply) UPDATE_COMPLETE in ${Date.now() - t0} ms`);

    const before = await targetState();
    const applied = await execute({});
    expect(applied.result.status, applied.result.error ?? '').toBe('SUCCEEDED');
    expect(applied.plan).toEqual(
      expectedPlan(
        'apply',
        false,
        (name) => before[name] ?? '',
        (name) => before[name] ?? '',
        'enabled',
      ),
    );
    note(`3. apply {}: ${planLine(applied.plan)}`);
    const after = await targetState();
    expect(after).toEqual(
      Object.fromEntries([...DEMO_BUCKETS.map((b) => [b.name, 'Enabled']), ...DEMO_TABLES.map((t) => [t.name, 'ENABLED'])]),
    );
    for (const name of [...NON_COMPLIANT_BUCKETS, ...NON_COMPLIANT_TABLES]) expect(before[name]).toMatch(/^(Disabled|DISABLED)$/);

    // Make them non-compliant again (a bucket can only be suspended), then ask for a dry run in apply mode.
    for (const name of NON_COMPLIANT_BUCKETS) {
      await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Suspended' } }));
    }
    for (const name of NON_COMPLIANT_TABLES) {
      await ddb.send(
        new UpdateContinuousBackupsCommand({
          TableName: name,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
        }),
      );
    }
    const reverted = await targetState();
    const dry = await execute({ dryRun: true });
    expect(dry.result.status, dry.result.error ?? '').toBe('SUCCEEDED');
    expect(dry.plan).toEqual(
      expectedPlan(
        'apply',
        true,
        (name) => reverted[name] ?? '',
        (name) => reverted[name] ?? '',
        'would-enable',
      ),
    );
    expect(await targetState()).toEqual(reverted);
    note(`3. apply {"dryRun":true}: ${planLine(dry.plan)}`);
  });

  it('4a. a throttled read is retried, logged, counted, and raises the Throttles alarm within a period', {
    timeout: TIMEOUT,
  }, async () => {
    const throttles = outputs.ThrottlesAlarmName ?? '';
    const errors = outputs.ErrorsAlarmName ?? '';
    // Quiet so far: nothing throttled or failed (the filters' defaultValue 0 gives the alarms real datapoints).
    await waitForAlarm(throttles, 'OK');
    await waitForAlarm(errors, 'OK');
    expect((await metricSum(NAMESPACE, 'Throttles')).sum).toBe(0);

    const since = new Date();
    await admin('POST', '/_localaws/faults', {
      service: 's3',
      operation: 'GetBucketVersioning',
      account: DEMO_TARGET_ACCOUNT,
      throttleRate: 1,
      count: 2,
    });
    const run = await execute({ dryRun: true });
    const ended = Date.now();
    expect(run.result.status, run.result.error ?? '').toBe('SUCCEEDED');
    expect(run.plan?.buckets.map((b) => b.name)).toEqual(DEMO_BUCKETS.map((b) => b.name));

    // History: two TaskFailed (SlowDown) in ReadBucket (the only getBucketVersioning task), each followed by a
    // retry: ReadBucket is entered once per bucket, but scheduled again for the bucket whose attempt failed, after
    // that failure, and every bucket's read ends in TaskSucceeded (its plan entry). localaws chains
    // previousEventId across interleaved Map iterations, so the retry is matched by the Bucket parameter.
    const history = await historyOf(run.executionArn);
    const isRead = (e: HistoryEvent) =>
      (e.taskScheduledEventDetails ?? e.taskFailedEventDetails ?? e.taskSucceededEventDetails)?.resource ===
      'getBucketVersioning';
    const failed = history.filter((e) => e.type === 'TaskFailed');
    expect(failed).toHaveLength(2);
    for (const f of failed) {
      expect(f.taskFailedEventDetails).toMatchObject({
        resourceType: 'aws-sdk:s3',
        resource: 'getBucketVersioning',
        error: 'S3.SlowDownException',
      });
      expect(f.taskFailedEventDetails?.cause).toMatch(/SlowDown|reduce your request rate|Rate exceeded/i);
    }
    const entered = history.filter((e) => e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === 'ReadBucket');
    expect(entered).toHaveLength(DEMO_BUCKETS.length);
    const scheduled = history.filter((e) => e.type === 'TaskScheduled' && isRead(e));
    expect(scheduled).toHaveLength(DEMO_BUCKETS.length + failed.length);
    const idOf = (e: HistoryEvent | undefined) => e?.id ?? 0;
    const bucketOf = (e: HistoryEvent) =>
      (JSON.parse(e.taskScheduledEventDetails?.parameters ?? '{}') as { Bucket?: string }).Bucket;
    const retries = scheduled.filter((e, i) => scheduled.slice(0, i).some((earlier) => bucketOf(earlier) === bucketOf(e)));
    expect(retries).toHaveLength(failed.length);
    for (const retry of retries) {
      const previous = scheduled.filter((e) => idOf(e) < idOf(retry) && bucketOf(e) === bucketOf(retry)).at(-1);
      expect(
        failed.some((f) => idOf(f) > idOf(previous) && idOf(f) < idOf(retry)),
        `a TaskFailed before the retry of ${bucketOf(retry)}`,
      ).toBe(true);
    }
    expect(history.filter((e) => e.type === 'TaskSucceeded' && isRead(e))).toHaveLength(DEMO_BUCKETS.length);
    expect(history.filter((e) => e.type === 'TaskSucceeded' && isRead(e)).at(-1)?.id).toBeGreaterThan(
      Math.max(...failed.map(idOf)),
    );
    const retriedBuckets = [...new Set(retries.map(bucketOf))];

    // The execution log has the TaskFailed events with their error.
    const { events: logged = [] } = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: outputs.LogGroupName,
        filterPattern: '{ $.type = "TaskFailed" }',
        startTime: since.getTime() - 1000,
      }),
    );
    const mine = logged
      .map((e) => JSON.parse(e.message ?? '{}') as { execution_arn?: string; details?: { error?: string } })
      .filter((m) => m.execution_arn === run.executionArn);
    expect(mine.map((m) => m.details?.error)).toEqual(['S3.SlowDownException', 'S3.SlowDownException']);

    // Counted by the Throttles filter (not by Errors: the Retry absorbed them and the execution succeeded).
    const counted = await pollUntil(
      'Throttles datapoints',
      () => metricSum(NAMESPACE, 'Throttles'),
      (m) => m.sum >= 2,
      5_000,
    );
    expect(counted.sum).toBe(2);

    const raised = await expectAlarmRaised(throttles, since);
    // Within the alarm's period of the execution's end, by the transition's own time (not when this test saw it).
    const msAfterEnd = raised.at.getTime() - ended;
    note(
      `4a. throttled x2 (retried ${retriedBuckets.join(', ')}) then SUCCEEDED; log TaskFailed=${mine.length}; Throttles sum=${counted.sum}; ${throttles} ALARM ${msAfterEnd} ms after the execution ended (period ${PERIOD_MS} ms): "${raised.reason}" [history: ${raised.summary}]`,
    );
    expect(msAfterEnd).toBeLessThanOrEqual(PERIOD_MS);
    // ERRORS_PATTERN leaves out throttled task failures: what the Retry absorbed does not page on-call
    // (alarm-patterns-localaws.test.ts checks both patterns line by line).
    const errorsNow = await alarmOf(errors);
    const errorsSum = (await metricSum(NAMESPACE, 'Errors')).sum;
    note(`4a. Errors sum=${errorsSum}, ${errors} ${errorsNow.StateValue}: "${errorsNow.StateReason}"`);
    expect({ errorsSum, state: errorsNow.StateValue }).toEqual({ errorsSum: 0, state: 'OK' });
    expect(await admin('DELETE', '/_localaws/faults')).toMatchObject({ rules: [] });
  });

  it('4b. an unrecoverable failure fails the execution and raises the error alarms', { timeout: TIMEOUT }, async () => {
    const errors = outputs.ErrorsAlarmName ?? '';
    const executionsFailed = outputs.ExecutionsFailedAlarmName ?? '';
    const sm: Dimension[] = [{ Name: 'StateMachineArn', Value: outputs.StateMachineArn }];
    // Start from OK whatever ran before (4a's absorbed throttles leave Errors OK; a failed step may not).
    const cleared = await waitForAlarm(errors, 'OK', PERIOD_MS * 6);
    note(`4b. ${errors} back to OK after ${cleared.ms} ms: "${cleared.alarm.StateReason}"`);
    expect((await alarmOf(executionsFailed)).StateValue).toBe('OK');
    const errorsBefore = (await metricSum(NAMESPACE, 'Errors')).sum;

    const since = new Date();
    await admin('POST', '/_localaws/faults', {
      service: 's3',
      operation: 'GetBucketVersioning',
      account: DEMO_TARGET_ACCOUNT,
      errorRate: 1,
      count: 1,
    });
    const run = await execute({ dryRun: true });
    const ended = Date.now();
    expect(run.result).toMatchObject({ status: 'FAILED', error: 'S3.InternalErrorException' });
    const history = await historyOf(run.executionArn);
    expect(history.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual([
      'S3.InternalErrorException',
    ]);
    expect(history.at(-1)?.type).toBe('ExecutionFailed');

    // Errors: the TaskFailed and the ExecutionFailed log events; not a throttle.
    const counted = await pollUntil(
      'Errors datapoints',
      () => metricSum(NAMESPACE, 'Errors'),
      (m) => m.sum >= errorsBefore + 2,
      5_000,
    );
    expect(counted.sum - errorsBefore).toBe(2);
    expect((await metricSum(NAMESPACE, 'Throttles')).sum).toBe(2);
    const failedMetric = await pollUntil(
      'ExecutionsFailed',
      () => metricSum('AWS/States', 'ExecutionsFailed', sm),
      (m) => m.sum >= 1,
      5_000,
    );
    expect(failedMetric.sum).toBe(1);

    const errorsRaised = await expectAlarmRaised(errors, since);
    const errorsMs = errorsRaised.at.getTime() - ended;
    const failedRaised = await expectAlarmRaised(executionsFailed, since);
    const failedMs = failedRaised.at.getTime() - ended;
    expect(errorsMs).toBeLessThanOrEqual(PERIOD_MS);
    expect(failedMs).toBeLessThanOrEqual(PERIOD_MS);
    note(
      `4b. ${run.result.status} ${run.result.error}: Errors +${counted.sum - errorsBefore}, ExecutionsFailed ${failedMetric.sum}`,
    );
    note(`4b. ${errors} ALARM ${errorsMs} ms after the execution ended: "${errorsRaised.reason}"`);
    note(`4b. ${executionsFailed} ALARM ${failedMs} ms after the execution ended: "${failedRaised.reason}"`);
    await admin('DELETE', '/_localaws/faults');
  });
});
