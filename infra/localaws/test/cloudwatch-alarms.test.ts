/**
 * CloudWatch alarms through the real SDK against a real localaws with a 600× alarm speed-up (a 60 s period is
 * 100 ms of real time): operations, evaluation on new data and on the period timer, history, tags, and alarms
 * created by CloudFormation.
 */
import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  ResourceNotFound,
  SetAlarmStateCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
  type PutMetricAlarmInput,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';
import { waitForStack } from '../src/testing';

const SPEEDUP = 600;
const WINDOW = (60 * 1000) / SPEEDUP;
let server: Localaws;
let cw: CloudWatchClient;
let cfn: CloudFormationClient;
beforeAll(async () => {
  process.env.LOCALAWS_ALARM_SPEEDUP = String(SPEEDUP);
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  delete process.env.LOCALAWS_ALARM_SPEEDUP;
  const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'x' } };
  cw = new CloudWatchClient(config);
  cfn = new CloudFormationClient(config);
});
afterAll(async () => {
  cw.destroy();
  cfn.destroy();
  await server.close();
});

const alarmInput = (AlarmName: string, over: Partial<PutMetricAlarmInput> = {}): PutMetricAlarmInput => ({
  AlarmName,
  Namespace: 'Tap',
  MetricName: AlarmName,
  Statistic: 'Maximum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 5,
  ComparisonOperator: 'GreaterThanThreshold',
  ...over,
});
const putAlarm = (name: string, over: Partial<PutMetricAlarmInput> = {}) =>
  cw.send(new PutMetricAlarmCommand(alarmInput(name, over)));
/** Values one scaled period apart, newest first, on metric Tap/<name>. */
const putValues = (name: string, values: number[]) => {
  const now = Date.now();
  return cw.send(
    new PutMetricDataCommand({
      Namespace: 'Tap',
      MetricData: values.map((Value, i) => ({ MetricName: name, Value, Timestamp: new Date(now - i * WINDOW) })),
    }),
  );
};
const alarm = async (name: string) => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];
const history = async (name: string) =>
  (await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: name }))).AlarmHistoryItems ?? [];
async function waitForState(name: string, state: string, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = await alarm(name);
    if (a?.StateValue === state) return a;
    if (Date.now() > deadline) throw new Error(`${name} is ${a?.StateValue}, expected ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const refused = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('alarm evaluation', () => {
  it('starts INSUFFICIENT_DATA and moves to ALARM as soon as a breaching datum arrives, with AWS texts and history', async () => {
    await putAlarm('one');
    expect(await alarm('one')).toMatchObject({
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      DatapointsToAlarm: 1,
      TreatMissingData: 'missing',
    });
    await putValues('one', [6]);
    const a = await alarm('one');
    expect(a?.StateValue).toBe('ALARM');
    expect(a?.StateReason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoints \[6\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than the threshold \(5\.0\) \(minimum 1 datapoint for OK -> ALARM transition\)\.$/,
    );
    expect(JSON.parse(a?.StateReasonData ?? '{}')).toMatchObject({
      version: '1.0',
      statistic: 'Maximum',
      period: 60,
      threshold: 5,
      recentDatapoints: [6],
    });
    const items = await history('one');
    expect(items.map((i) => [i.HistoryItemType, i.HistorySummary])).toEqual([
      ['StateUpdate', 'Alarm updated from INSUFFICIENT_DATA to ALARM'],
      ['ConfigurationUpdate', 'Alarm "one" created'],
    ]);
    const data = JSON.parse(items[0]?.HistoryData ?? '{}');
    expect(data.oldState).toEqual({ stateValue: 'INSUFFICIENT_DATA', stateReason: 'Unchecked: Initial alarm creation' });
    expect(data.newState).toMatchObject({
      stateValue: 'ALARM',
      stateReason: a?.StateReason,
      stateReasonData: { statistic: 'Maximum' },
    });
  });

  it('applies M of N over non-consecutive datapoints', async () => {
    await putAlarm('mofn-alarm', { EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    await putValues('mofn-alarm', [6, 1, 6]);
    expect((await alarm('mofn-alarm'))?.StateReason).toMatch(
      /^Threshold Crossed: 2 out of the last 3 datapoints \[6\.0 \(.+\), 6\.0 \(.+\)\] were greater than the threshold \(5\.0\) \(minimum 2 datapoints for OK -> ALARM transition\)\.$/,
    );
    await putAlarm('mofn-ok', { EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    await putValues('mofn-ok', [6, 1, 1]);
    expect(await alarm('mofn-ok')).toMatchObject({
      StateValue: 'OK',
      StateReason: expect.stringContaining('were not greater than the threshold (5.0)'),
    });
  });

  it('treats missing data as each TreatMissingData mode says', async () => {
    for (const mode of ['missing', 'notBreaching', 'breaching', 'ignore'])
      await putAlarm(`tmd-${mode}`, { TreatMissingData: mode });
    expect((await alarm('tmd-missing'))?.StateValue).toBe('INSUFFICIENT_DATA');
    expect(await alarm('tmd-notBreaching')).toMatchObject({
      StateValue: 'OK',
      StateReason:
        'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
    });
    expect(await alarm('tmd-breaching')).toMatchObject({
      StateValue: 'ALARM',
      StateReason:
        'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching].',
    });
    expect((await alarm('tmd-ignore'))?.StateValue).toBe('INSUFFICIENT_DATA');
    // Data, then silence: the period timer fills the missing periods once the look-back holds no datapoint.
    await putValues('tmd-notBreaching', [9]);
    await putValues('tmd-ignore', [9]);
    expect((await alarm('tmd-notBreaching'))?.StateValue).toBe('ALARM');
    expect((await alarm('tmd-ignore'))?.StateValue).toBe('ALARM');
    await waitForState('tmd-notBreaching', 'OK');
    await new Promise((resolve) => setTimeout(resolve, 5 * WINDOW));
    expect((await alarm('tmd-ignore'))?.StateValue).toBe('ALARM');
  });

  it('SetAlarmState changes the state at once; the next period re-evaluates it', async () => {
    await putAlarm('manual', { TreatMissingData: 'notBreaching' });
    expect((await alarm('manual'))?.StateValue).toBe('OK');
    await cw.send(
      new SetAlarmStateCommand({
        AlarmName: 'manual',
        StateValue: 'ALARM',
        StateReason: 'testing the pager',
        StateReasonData: '{"by":"test"}',
      }),
    );
    expect(await alarm('manual')).toMatchObject({
      StateValue: 'ALARM',
      StateReason: 'testing the pager',
      StateReasonData: '{"by":"test"}',
    });
    await waitForState('manual', 'OK');
    expect((await history('manual')).filter((i) => i.HistoryItemType === 'StateUpdate').map((i) => i.HistorySummary)).toEqual([
      'Alarm updated from ALARM to OK',
      'Alarm updated from OK to ALARM',
      'Alarm updated from INSUFFICIENT_DATA to OK',
    ]);
    expect(
      await refused(cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' }))),
    ).toBeInstanceOf(ResourceNotFound);
  });
});

describe('alarm operations', () => {
  it('filters and pages DescribeAlarms, finds alarms for a metric, deletes', async () => {
    for (const n of ['page-a', 'page-b', 'page-c'])
      await putAlarm(n, { MetricName: 'Paged', AlarmActions: ['arn:aws:sns:us-east-1:000000000000:pager'] });
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', MaxRecords: 2, NextToken }));
      names.push(...(out.MetricAlarms ?? []).map((a) => a.AlarmName ?? ''));
      NextToken = out.NextToken;
    } while (NextToken);
    expect(names).toEqual(['page-a', 'page-b', 'page-c']);
    expect(
      (await cw.send(new DescribeAlarmsCommand({ ActionPrefix: 'arn:aws:sns:us-east-1:000000000000:pag' }))).MetricAlarms,
    ).toHaveLength(3);
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', StateValue: 'ALARM' }))).MetricAlarms).toEqual(
      [],
    );
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] }))).MetricAlarms).toEqual([]);
    const forMetric = await cw.send(
      new DescribeAlarmsForMetricCommand({ Namespace: 'Tap', MetricName: 'Paged', Statistic: 'Maximum' }),
    );
    expect(forMetric.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['page-a', 'page-b', 'page-c']);
    expect(await refused(cw.send(new DeleteAlarmsCommand({ AlarmNames: ['page-a', 'missing'] })))).toBeInstanceOf(
      ResourceNotFound,
    );
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['page-a', 'page-b'] }));
    expect(
      (await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-' }))).MetricAlarms?.map((a) => a.AlarmName),
    ).toEqual(['page-c']);
    expect((await history('page-a'))[0]?.HistorySummary).toBe('Alarm "page-a" deleted');
  });

  it('records failed actions for topics localaws does not hold, none when actions are disabled', async () => {
    await putAlarm('acts', { AlarmActions: ['arn:aws:sns:us-east-1:000000000000:absent'] });
    await putValues('acts', [7]);
    const action = (await history('acts')).find((i) => i.HistoryItemType === 'Action');
    expect(action?.HistorySummary).toBe(
      'Failed to execute action arn:aws:sns:us-east-1:000000000000:absent. Received error: "Resource not found"',
    );
    await putAlarm('quiet', { AlarmActions: ['arn:aws:sns:us-east-1:000000000000:absent'] });
    await cw.send(new DisableAlarmActionsCommand({ AlarmNames: ['quiet'] }));
    await putValues('quiet', [7]);
    expect((await alarm('quiet'))?.ActionsEnabled).toBe(false);
    expect((await history('quiet')).some((i) => i.HistoryItemType === 'Action')).toBe(false);
  });

  it('validates tags on PutMetricAlarm and TagResource; tags, untags and lists', async () => {
    const bad = await refused(putAlarm('tagged-bad', { Tags: [{ Key: 'TapConfig', Value: '{"owner":"platform"}' }] }));
    expect(bad).toBeInstanceOf(ValidationException);
    expect(bad?.message).toBe(
      `1 validation error detected: Value '{"owner":"platform"}' at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`,
    );
    await putAlarm('tagged', { Tags: [{ Key: 'team', Value: 'on-call' }] });
    const arn = (await alarm('tagged'))?.AlarmArn ?? '';
    expect(arn).toBe('arn:aws:cloudwatch:us-east-1:000000000000:alarm:tagged');
    await cw.send(
      new TagResourceCommand({
        ResourceARN: arn,
        Tags: [
          { Key: 'tier', Value: 'gold' },
          { Key: 'team', Value: 'sre' },
        ],
      }),
    );
    await cw.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['tier'] }));
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'team', Value: 'sre' }]);
    const long = await refused(
      cw.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'k', Value: 'x'.repeat(257) }] })),
    );
    expect(long?.message).toContain('Member must have length less than or equal to 256');
    expect((await refused(cw.send(new ListTagsForResourceCommand({ ResourceARN: `${arn}-gone` }))))?.name).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('alarms from CloudFormation', () => {
  it('are real alarms: visible, evaluated, and their SNS actions succeed', async () => {
    const { StackId } = await cfn.send(
      new CreateStackCommand({
        StackName: 'cw-alarms',
        TemplateBody: JSON.stringify({
          Resources: {
            Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'pager' } },
            Alarm: {
              Type: 'AWS::CloudWatch::Alarm',
              Properties: {
                AlarmName: 'cfn-errors',
                Namespace: 'Tap',
                MetricName: 'cfn-errors',
                Statistic: 'Sum',
                Period: 60,
                EvaluationPeriods: 1,
                Threshold: '1',
                ComparisonOperator: 'GreaterThanOrEqualToThreshold',
                AlarmActions: [{ Ref: 'Topic' }],
              },
            },
          },
        }),
      }),
    );
    expect(await waitForStack(cfn, StackId ?? '')).toBe('CREATE_COMPLETE');
    expect(await alarm('cfn-errors')).toMatchObject({
      StateValue: 'INSUFFICIENT_DATA',
      Threshold: 1,
      AlarmActions: ['arn:aws:sns:us-east-1:000000000000:pager'],
    });
    await putValues('cfn-errors', [3]);
    expect((await alarm('cfn-errors'))?.StateValue).toBe('ALARM');
    expect((await history('cfn-errors')).find((i) => i.HistoryItemType === 'Action')?.HistorySummary).toBe(
      'Successfully executed action arn:aws:sns:us-east-1:000000000000:pager',
    );
  });

  it('refuse a JSON tag value as the API does (the seed failure)', async () => {
    const { StackId } = await cfn.send(
      new CreateStackCommand({
        StackName: 'cw-bad-tag',
        TemplateBody: JSON.stringify({
          Resources: {
            Alarm: {
              Type: 'AWS::CloudWatch::Alarm',
              Properties: {
                Namespace: 'Tap',
                MetricName: 'E',
                Statistic: 'Sum',
                Period: 60,
                EvaluationPeriods: 1,
                Threshold: 1,
                ComparisonOperator: 'GreaterThanThreshold',
                Tags: [{ Key: 'TapConfig', Value: '{"mode":"dry-run"}' }],
              },
            },
          },
        }),
      }),
    );
    expect(await waitForStack(cfn, StackId ?? '')).toBe('ROLLBACK_COMPLETE');
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: StackId }))).StackEvents ?? [];
    const failed = events.find((e) => e.LogicalResourceId === 'Alarm' && e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toMatch(
      /^Resource handler returned message: "1 validation error detected: Value '\{"mode":"dry-run"\}' at 'tags\.1\.member\.value' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\p\{L\}\\p\{Z\}\\p\{N\}_\.:\/=\+\\-@\]\* \(Service: CloudWatch, Status Code: 400, Request ID: [0-9a-f-]{36}\)" \(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: InvalidRequest\)$/,
    );
  });
});
