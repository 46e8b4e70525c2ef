/** Rollback triggers through the real SDK: an alarm in ALARM during an update or create rolls it back. */
import {
  CreateStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, eventLines, startTestEnv, stopTestEnv, waitForStack, type TestEnv } from '../src/testing';

let env: TestEnv;
let cw: CloudWatchClient;
beforeAll(async () => {
  env = await startTestEnv(200);
  cw = new CloudWatchClient({
    endpoint: env.server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  cw.destroy();
  await stopTestEnv(env);
});

const triggerArn = (name: string) => `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`;

async function putTriggerAlarm(name: string, state?: 'ALARM' | 'OK'): Promise<string> {
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'Tap/Health',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  if (state) await cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: 'test' }));
  return triggerArn(name);
}

/** A stack whose one alarm's Threshold is the parameter, so an update changes a real resource property. */
const template = (alarmName: string) =>
  JSON.stringify({
    Parameters: { Threshold: { Type: 'Number', Default: 1 } },
    Resources: {
      Watched: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmName: alarmName,
          Namespace: 'Tap',
          MetricName: 'Latency',
          Statistic: 'Average',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: { Ref: 'Threshold' },
          ComparisonOperator: 'GreaterThanThreshold',
        },
      },
    },
  });

async function thresholdOf(name: string): Promise<number | undefined> {
  const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return MetricAlarms?.[0]?.Threshold;
}

/** Resolves once the stack has an event matching `line` (oldest-first lines as eventLines renders them). */
async function waitForEvent(cfn: CloudFormationClient, stack: string, line: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!eventLines((await allEvents(cfn, stack)).events).includes(line)) {
    if (Date.now() > deadline) throw new Error(`no event "${line}" on ${stack}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('RollbackConfiguration', () => {
  it('is kept on the stack and returned by DescribeStacks; an update without it keeps it', async () => {
    const arn = await putTriggerAlarm('rt-kept');
    const config = { RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }], MonitoringTimeInMinutes: 0 };
    const { StackId } = await env.cfn.send(
      new CreateStackCommand({ StackName: 'rt-kept', TemplateBody: template('rt-kept-watched'), RollbackConfiguration: config }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    await env.cfn.send(
      new UpdateStackCommand({
        StackName: 'rt-kept',
        TemplateBody: template('rt-kept-watched'),
        Parameters: [{ ParameterKey: 'Threshold', ParameterValue: '2' }],
      }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('UPDATE_COMPLETE');
    const { Stacks } = await env.cfn.send(new DescribeStacksCommand({ StackName: 'rt-kept' }));
    expect(Stacks?.[0]?.RollbackConfiguration).toEqual(config);
  });

  it('refuses a missing alarm, more than 5 triggers and a monitoring time over 180 minutes', async () => {
    const arn = await putTriggerAlarm('rt-valid');
    const create = (RollbackConfiguration: object) =>
      env.cfn
        .send(new CreateStackCommand({ StackName: 'rt-invalid', TemplateBody: template('rt-invalid'), RollbackConfiguration }))
        .catch((e: unknown) => e);
    const missing = triggerArn('no-such-alarm');
    expect(await create({ RollbackTriggers: [{ Arn: missing, Type: 'AWS::CloudWatch::Alarm' }] })).toMatchObject({
      name: 'ValidationError',
      message: `The following rollback trigger(s) do not exist: [${missing}]`,
    });
    const six = Array.from({ length: 6 }, () => ({ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }));
    expect(await create({ RollbackTriggers: six })).toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('Member must have length less than or equal to 5'),
    });
    expect(await create({ MonitoringTimeInMinutes: 181 })).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '181' at 'rollbackConfiguration.monitoringTimeInMinutes' failed to satisfy constraint: Member must have value less than or equal to 180",
    });
    expect((await env.cfn.send(new DescribeStacksCommand({}))).Stacks?.some((s) => s.StackName === 'rt-invalid')).toBe(false);
  });

  it('rolls an update back when a trigger goes to ALARM during the monitoring time, restoring the old properties', async () => {
    const arn = await putTriggerAlarm('rt-health', 'OK');
    const { StackId } = await env.cfn.send(
      new CreateStackCommand({ StackName: 'rt-update', TemplateBody: template('rt-update-watched') }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    expect(await thresholdOf('rt-update-watched')).toBe(1);
    // 3 minutes of monitoring is 0.9 s at speed 200: the alarm goes off once the resource is updated.
    await env.cfn.send(
      new UpdateStackCommand({
        StackName: 'rt-update',
        TemplateBody: template('rt-update-watched'),
        Parameters: [{ ParameterKey: 'Threshold', ParameterValue: '50' }],
        RollbackConfiguration: { RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }], MonitoringTimeInMinutes: 3 },
      }),
    );
    await waitForEvent(env.cfn, 'rt-update', 'Watched UPDATE_COMPLETE');
    expect(await thresholdOf('rt-update-watched')).toBe(50);
    expect((await env.cfn.send(new DescribeStacksCommand({ StackName: StackId }))).Stacks?.[0]?.StackStatus).toBe(
      'UPDATE_IN_PROGRESS',
    );
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'rt-health', StateValue: 'ALARM', StateReason: 'errors' }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await thresholdOf('rt-update-watched')).toBe(1);
    const lines = eventLines((await allEvents(env.cfn, 'rt-update')).events);
    expect(lines.slice(lines.lastIndexOf('rt-update UPDATE_IN_PROGRESS User Initiated'))).toEqual([
      'rt-update UPDATE_IN_PROGRESS User Initiated',
      'Watched UPDATE_IN_PROGRESS',
      'Watched UPDATE_COMPLETE',
      `rt-update UPDATE_ROLLBACK_IN_PROGRESS The following CloudWatch Alarms were in ALARM state: [${arn}].`,
      'Watched UPDATE_IN_PROGRESS',
      'Watched UPDATE_COMPLETE',
      'rt-update UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'rt-update UPDATE_ROLLBACK_COMPLETE',
    ]);
    const { Stacks } = await env.cfn.send(new DescribeStacksCommand({ StackName: StackId }));
    expect(Stacks?.[0]?.Parameters).toEqual([{ ParameterKey: 'Threshold', ParameterValue: '1' }]);
  });

  it('completes an update after the monitoring time when no trigger goes to ALARM', async () => {
    const arn = await putTriggerAlarm('rt-quiet', 'OK');
    const { StackId } = await env.cfn.send(
      new CreateStackCommand({ StackName: 'rt-quiet', TemplateBody: template('rt-quiet-watched') }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    const started = Date.now();
    await env.cfn.send(
      new UpdateStackCommand({
        StackName: 'rt-quiet',
        TemplateBody: template('rt-quiet-watched'),
        Parameters: [{ ParameterKey: 'Threshold', ParameterValue: '7' }],
        RollbackConfiguration: { RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }], MonitoringTimeInMinutes: 2 },
      }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('UPDATE_COMPLETE');
    // The 2 monitoring minutes are 0.6 s of real time at speed 200, spent UPDATE_IN_PROGRESS.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(await thresholdOf('rt-quiet-watched')).toBe(7);
  });

  it('rolls a create back to ROLLBACK_COMPLETE when a trigger is in ALARM', async () => {
    const arn = await putTriggerAlarm('rt-red', 'ALARM');
    const { StackId } = await env.cfn.send(
      new CreateStackCommand({
        StackName: 'rt-create',
        TemplateBody: template('rt-create-watched'),
        RollbackConfiguration: { RollbackTriggers: [{ Arn: arn, Type: 'AWS::CloudWatch::Alarm' }] },
      }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('ROLLBACK_COMPLETE');
    const lines = eventLines((await allEvents(env.cfn, StackId!)).events);
    expect(lines).toContain(`rt-create ROLLBACK_IN_PROGRESS The following CloudWatch Alarms were in ALARM state: [${arn}].`);
    expect(await thresholdOf('rt-create-watched')).toBeUndefined();
  });
});
