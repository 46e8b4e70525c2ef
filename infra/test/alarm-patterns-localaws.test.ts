/**
 * Issue 11: the Errors alarm must not page on-call for throttles the workflow already absorbed.
 *
 * Errors = something failed that someone must look at; Throttles = the target account is rate-limiting the
 * workflow, retried or not. Each story below runs the real TapStack workflow on localaws, reads the execution's
 * own log lines back (FilterLogEvents), asks CloudWatch Logs which of them each pattern matches
 * (TestMetricFilter), and checks what the deployed metric filters did to the alarms.
 *
 * The stories are independent: each deploys its own copy of the one synthesized template (EnvironmentSuffix
 * makes every name, log group, namespace and alarm its own) on a shared localaws with the demo seeded, so one
 * story's datapoints can never move another's alarm. They run one after another because faults are
 * server-wide.
 *
 * Alarm checks read the alarm history, not just the current state: with the alarm speed-up a 300 s period is a
 * 3 s window of real time, so a later window with only zeros (the filters' defaultValue) may already have moved
 * an alarm back to OK when we look. A transition to ALARM stays in the history; its absence after the run's
 * datapoints arrived (checked through GetMetricStatistics) means the alarm never fired.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  type Capability,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand, TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, type DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS_PATTERN, THROTTLES_PATTERN } from '../lib/tap-alarms';
import { seedDemo, type DemoParameters } from '../../scripts/demo';
import { DEMO_TARGET_ACCOUNT } from '../../scripts/demo/seed';
import { startLocalaws, type Localaws } from 'localaws';
import { waitForStack } from 'localaws/testing';
import { sharedTemplate } from './synth';

const SPEED = 100;
/** 300 s alarm period → a 3 s window of real time. */
const ALARM_SPEEDUP = 100;
/** Generous: a loaded 2-core CI machine; every wait below ends as soon as its condition holds. */
const STORY_TIMEOUT = 120_000;
const WAIT_MS = 30_000;
const REGION = 'us-east-1';
const CAPABILITIES: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'];
/** The workflow's Retry: MaxAttempts 5, so the sixth throttle in a row is final. */
const ATTEMPTS = 6;
/** A bucket name the TapStack may be told to protect but that does not exist in the target account. */
const MISSING_BUCKET = `tapdeck-demo-missing-${DEMO_TARGET_ACCOUNT}`;

const home = { region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

let server: Localaws;
let cfn: CloudFormationClient;
let sfn: SFNClient;
let cw: CloudWatchClient;
let logs: CloudWatchLogsClient;
let seeded: DemoParameters;
let templateBody: string;
const summary: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: SPEED, log: () => undefined });
  const endpoint = server.url;
  cfn = new CloudFormationClient({ ...home, endpoint });
  sfn = new SFNClient({ ...home, endpoint, disableHostPrefix: true });
  cw = new CloudWatchClient({ ...home, endpoint });
  logs = new CloudWatchLogsClient({ ...home, endpoint });
  await admin('POST', '/_localaws/clock', { alarmSpeedup: ALARM_SPEEDUP });
  const seed = await seedDemo(server.url, { log: () => undefined });
  expect(seed.skipped).toEqual([]);
  seeded = seed.parameters;
  // One synthesis for every story: EnvironmentSuffix is a parameter.
  templateBody = JSON.stringify(sharedTemplate({ suffix: 'patterns' }));
}, STORY_TIMEOUT);

afterAll(async () => {
  if (summary.length > 0) console.log(`Errors and Throttles on localaws:\n  ${summary.join('\n  ')}`);
  for (const client of [cfn, sfn, cw, logs]) client?.destroy();
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
async function pollUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

// ---- one TapStack per story ------------------------------------------------------------------------------------

interface Deployed {
  stateMachineArn: string;
  logGroupName: string;
  namespace: string;
  errorsAlarm: string;
  throttlesAlarm: string;
}

async function deployTapStack(suffix: string, overrides: Record<string, string> = {}): Promise<Deployed> {
  const values: Record<string, string> = {
    ...seeded,
    EnvironmentSuffix: suffix,
    Mode: 'dry-run',
    ErrorThreshold: '1',
    ThrottleThreshold: '1',
    ...overrides,
  };
  const parameters: Parameter[] = Object.entries(values).map(([ParameterKey, ParameterValue]) => ({
    ParameterKey,
    ParameterValue,
  }));
  const stackName = `TapStack-${suffix}`;
  const { StackId = '' } = await cfn.send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: templateBody,
      Parameters: parameters,
      Capabilities: CAPABILITIES,
    }),
  );
  expect(await waitForStack(cfn, StackId, 60_000)).toBe('CREATE_COMPLETE');
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: StackId }));
  const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const deployed = {
    stateMachineArn: outputs.StateMachineArn ?? '',
    logGroupName: outputs.LogGroupName ?? '',
    namespace: `TapStack/${suffix}`,
    errorsAlarm: outputs.ErrorsAlarmName ?? '',
    throttlesAlarm: outputs.ThrottlesAlarmName ?? '',
  };
  expect(deployed).toMatchObject({ errorsAlarm: `${stackName}-errors`, throttlesAlarm: `${stackName}-throttles` });
  return deployed;
}

async function runWorkflow(stack: Deployed, name: string): Promise<DescribeExecutionOutput> {
  const { executionArn = '' } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: stack.stateMachineArn, name, input: JSON.stringify({ dryRun: true }) }),
  );
  return pollUntil(
    `execution ${executionArn}`,
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (out) => out.status !== 'RUNNING',
  );
}

// ---- the execution's log lines, and what each pattern makes of them ------------------------------------------

interface LogLine {
  message: string;
  id: number;
  type: string;
  error?: string;
}

const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

/** Every log line of one execution, in event order, once its terminal event is there. */
async function logLinesOf(stack: Deployed, executionArn: string): Promise<LogLine[]> {
  const read = async () => {
    const lines: LogLine[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: stack.logGroupName,
          filterPattern: `{ $.execution_arn = "${executionArn}" }`,
          nextToken,
        }),
      );
      for (const event of page.events ?? []) {
        const message = event.message ?? '';
        const parsed = JSON.parse(message) as { id: string; type: string; details?: { error?: string } };
        lines.push({ message, id: Number(parsed.id), type: parsed.type, error: parsed.details?.error });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return lines.sort((a, b) => a.id - b.id);
  };
  return pollUntil(`the log of ${executionArn}`, read, (lines) => lines.some((l) => TERMINAL.has(l.type)));
}

const label = (line: { type: string; error?: string }) => (line.error ? `${line.type} ${line.error}` : line.type);

/** The lines TestMetricFilter says `pattern` matches (it takes at most 50 messages a call). */
async function matchedBy(pattern: string, lines: LogLine[]): Promise<string[]> {
  const matched: string[] = [];
  for (let start = 0; start < lines.length; start += 50) {
    const chunk = lines.slice(start, start + 50);
    const { matches = [] } = await logs.send(
      new TestMetricFilterCommand({ filterPattern: pattern, logEventMessages: chunk.map((l) => l.message) }),
    );
    for (const match of matches) {
      const line = chunk[(match.eventNumber ?? 0) - 1];
      if (!line || line.message !== match.eventMessage)
        throw new Error(`TestMetricFilter returned an unknown event ${JSON.stringify(match)}`);
      matched.push(label(line));
    }
  }
  return matched;
}

// ---- alarms and their datapoints ---------------------------------------------------------------------------------

async function alarmOf(name: string): Promise<MetricAlarm> {
  const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  const alarm = MetricAlarms?.[0];
  if (!alarm) throw new Error(`alarm ${name} not found`);
  return alarm;
}

/** "from OK to ALARM" summaries of the alarm's state updates since `since`, oldest first. */
async function transitionsOf(name: string, since: Date): Promise<string[]> {
  const { AlarmHistoryItems = [] } = await cw.send(
    new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: 'StateUpdate', StartDate: since }),
  );
  return AlarmHistoryItems.map((h) => (h.HistorySummary ?? '').replace(/^Alarm updated /, '')).reverse();
}

/** Sum and sample count of one metric since `since`, whatever period windows the datapoints fell in. */
async function metricSince(namespace: string, metricName: string, since: Date) {
  const { Datapoints = [] } = await cw.send(
    new GetMetricStatisticsCommand({
      Namespace: namespace,
      MetricName: metricName,
      StartTime: new Date(since.getTime() - 60_000),
      EndTime: new Date(Date.now() + 60_000),
      Period: 60,
      Statistics: ['Sum', 'SampleCount'],
    }),
  );
  return {
    sum: Datapoints.reduce((s, d) => s + (d.Sum ?? 0), 0),
    samples: Datapoints.reduce((s, d) => s + (d.SampleCount ?? 0), 0),
  };
}

// ---- the stories -------------------------------------------------------------------------------------------------

interface Story {
  name: string;
  suffix: string;
  parameters?: Record<string, string>;
  /** a fault rule for the admin API, as the target account's services would answer */
  fault?: Record<string, unknown>;
  status: 'SUCCEEDED' | 'FAILED';
  error?: string;
  /** labels (`type error`) of the log lines each pattern must match, in log order */
  errors: string[];
  throttles: string[];
  /** which alarms the run must move to ALARM; the others must stay OK */
  alarms: { errors: boolean; throttles: boolean };
}

const throttled = (error: string, times: number) => Array.from({ length: times }, () => `TaskFailed ${error}`);

const STORIES: Story[] = [
  {
    name: 'a throttle the Retry absorbs: Throttles fires, Errors stays OK',
    suffix: 'pat-absorbed',
    fault: { service: 's3', operation: 'GetBucketVersioning', account: DEMO_TARGET_ACCOUNT, throttleRate: 1, count: 2 },
    status: 'SUCCEEDED',
    errors: [],
    throttles: throttled('S3.SlowDownException', 2),
    alarms: { errors: false, throttles: true },
  },
  {
    name: 'a final throttle (retries exhausted) fails the run: Errors and Throttles fire',
    suffix: 'pat-exhausted',
    fault: { service: 'sts', operation: 'GetCallerIdentity', account: DEMO_TARGET_ACCOUNT, throttleRate: 1, count: ATTEMPTS },
    status: 'FAILED',
    error: 'Sts.ThrottlingException',
    errors: ['ExecutionFailed Sts.ThrottlingException'],
    throttles: throttled('Sts.ThrottlingException', ATTEMPTS),
    alarms: { errors: true, throttles: true },
  },
  {
    name: 'a plain task failure (a protected bucket that does not exist): Errors fires, Throttles stays OK',
    suffix: 'pat-missing',
    parameters: { ProtectedBucketNames: MISSING_BUCKET },
    status: 'FAILED',
    error: 'S3.NoSuchBucketException',
    errors: ['TaskFailed S3.NoSuchBucketException', 'ExecutionFailed S3.NoSuchBucketException'],
    throttles: [],
    alarms: { errors: true, throttles: false },
  },
  {
    name: 'a clean run: neither fires',
    suffix: 'pat-clean',
    status: 'SUCCEEDED',
    errors: [],
    throttles: [],
    alarms: { errors: false, throttles: false },
  },
];

describe('Errors and Throttles on the execution log of the real workflow (localaws)', () => {
  it.each(STORIES)('$name', { timeout: STORY_TIMEOUT }, async (story) => {
    const t0 = Date.now();
    const stack = await deployTapStack(story.suffix, story.parameters);
    const deployedMs = Date.now() - t0;
    const alarms = { errors: stack.errorsAlarm, throttles: stack.throttlesAlarm };
    // A new alarm with notBreaching and no data is OK as soon as it is evaluated.
    for (const name of Object.values(alarms))
      await pollUntil(
        `${name} OK`,
        () => alarmOf(name),
        (a) => a.StateValue === 'OK',
      );

    const since = new Date();
    if (story.fault) await admin('POST', '/_localaws/faults', story.fault);
    let run: DescribeExecutionOutput;
    try {
      run = await runWorkflow(stack, story.suffix);
    } finally {
      await admin('DELETE', '/_localaws/faults');
    }
    expect(run.status, `${run.error ?? ''} ${run.cause ?? ''}`).toBe(story.status);
    if (story.error) expect(run.error).toBe(story.error);

    // What TestMetricFilter says each pattern matches among the execution's own log lines.
    const lines = await logLinesOf(stack, run.executionArn ?? '');
    const failures = lines.filter((l) => /(Failed|TimedOut|Aborted)$/.test(l.type));
    const matched = { errors: await matchedBy(ERRORS_PATTERN, lines), throttles: await matchedBy(THROTTLES_PATTERN, lines) };
    expect(matched, failures.map(label).join(', ')).toEqual({ errors: story.errors, throttles: story.throttles });

    // The deployed filters counted the same lines, every other line as the defaultValue 0: once all of them are
    // datapoints, the alarms have been evaluated with them (localaws evaluates on arrival).
    const counted = {
      errors: await pollUntil(
        'Errors datapoints',
        () => metricSince(stack.namespace, 'Errors', since),
        (m) => m.samples >= lines.length,
      ),
      throttles: await pollUntil(
        'Throttles datapoints',
        () => metricSince(stack.namespace, 'Throttles', since),
        (m) => m.samples >= lines.length,
      ),
    };
    expect(counted).toEqual({
      errors: { sum: story.errors.length, samples: lines.length },
      throttles: { sum: story.throttles.length, samples: lines.length },
    });

    const fired = { errors: [] as string[], throttles: [] as string[] };
    for (const key of ['errors', 'throttles'] as const) {
      const name = alarms[key];
      if (story.alarms[key]) {
        fired[key] = await pollUntil(
          `${name} to ALARM`,
          () => transitionsOf(name, since),
          (t) => t.includes('from OK to ALARM'),
        );
      } else {
        fired[key] = await transitionsOf(name, since);
        expect(
          fired[key].filter((t) => t.endsWith('to ALARM')),
          `${name} must not fire`,
        ).toEqual([]);
        expect((await alarmOf(name)).StateValue).toBe('OK');
      }
    }
    summary.push(
      `${story.suffix}: ${run.status}${run.error ? ` ${run.error}` : ''}, ${lines.length} log lines; ` +
        `Errors matched ${matched.errors.length} [${fired.errors.join('; ') || 'stayed OK'}], ` +
        `Throttles matched ${matched.throttles.length} [${fired.throttles.join('; ') || 'stayed OK'}]; ` +
        `stack ${deployedMs} ms, story ${Date.now() - t0} ms`,
    );
  });
});
