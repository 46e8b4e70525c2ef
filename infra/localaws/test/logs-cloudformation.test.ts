/**
 * A stack's KMS key, log group and metric filter are the same resources the KMS and Logs APIs see, and events
 * put into that group feed CloudWatch through the filter; also the bridge alone, in-process.
 */
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import * as L from '@aws-sdk/client-cloudwatch-logs';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMetricFilters } from '../src/services/logs/metric-filter-bridge';
import { createServiceModels } from '../src/services/models';
import { startTestEnv, stopTestEnv, waitForStack, type TestEnv } from '../src/testing';

/** A JSON pattern of the kind a Step Functions log group is filtered with. */
const ERRORS_PATTERN = '{ ($.type = "ExecutionFailed") || ($.type = "TaskFailed") }';

const policy = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' },
    {
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' } },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': { 'Fn::Sub': 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/tap/*' },
        },
      },
    },
  ],
};
const template = JSON.stringify({
  Resources: {
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: { Description: 'tap logs', EnableKeyRotation: true, KeyPolicy: policy, Tags: [{ Key: 'Name', Value: 'tap' }] },
    },
    Group: {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: '/tap/workflow', KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] }, RetentionInDays: 30 },
    },
    Errors: {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: 'Group' },
        FilterName: 'tap-errors',
        FilterPattern: ERRORS_PATTERN,
        MetricTransformations: [{ MetricNamespace: 'TapStack/dev', MetricName: 'Errors', MetricValue: '1', DefaultValue: 0 }],
      },
    },
  },
  Outputs: { KeyId: { Value: { Ref: 'Key' } } },
});

const sfnEvent = (type: string, at: number) => ({
  timestamp: at,
  message: JSON.stringify({
    id: '1',
    type,
    details: {},
    previous_event_id: '0',
    event_timestamp: String(at),
    execution_arn: 'arn',
    redrive_count: '0',
  }),
});

let env: TestEnv;
let logs: L.CloudWatchLogsClient;
let kms: KMSClient;
let cw: CloudWatchClient;
beforeAll(async () => {
  env = await startTestEnv();
  const config = { endpoint: env.server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  logs = new L.CloudWatchLogsClient(config);
  kms = new KMSClient(config);
  cw = new CloudWatchClient(config);
});
afterAll(async () => {
  logs.destroy();
  kms.destroy();
  cw.destroy();
  await stopTestEnv(env);
});

describe('a stack through the KMS and Logs APIs', () => {
  it('shows the stack’s key, bound group and metric filter, and its events become metric data', async () => {
    const { StackId } = await env.cfn.send(new CreateStackCommand({ StackName: 'tap-logs', TemplateBody: template }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    const keyId = (await env.cfn.send(new DescribeStacksCommand({ StackName: 'tap-logs' }))).Stacks?.[0]?.Outputs?.[0]
      ?.OutputValue;
    const key = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(key).toMatchObject({ Description: 'tap logs', KeyState: 'Enabled' });
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
    });
    const group = (await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/tap/workflow' }))).logGroups?.[0];
    expect(group).toMatchObject({ kmsKeyId: key.Arn, retentionInDays: 30, metricFilterCount: 1 });
    const filters = (await logs.send(new L.DescribeMetricFiltersCommand({ logGroupName: '/tap/workflow' }))).metricFilters;
    expect(filters).toEqual([
      expect.objectContaining({
        filterName: 'tap-errors',
        filterPattern: ERRORS_PATTERN,
        metricTransformations: [{ metricNamespace: 'TapStack/dev', metricName: 'Errors', metricValue: '1', defaultValue: 0 }],
      }),
    ]);

    await logs.send(
      new L.CreateLogStreamCommand({ logGroupName: '/tap/workflow', logStreamName: 'states/workflow/2026-11-28-00/0a1b2c3d' }),
    );
    const at = Date.now() - 60_000;
    const events = [sfnEvent('ExecutionStarted', at), sfnEvent('TaskFailed', at + 1), sfnEvent('ExecutionFailed', at + 2)];
    await logs.send(
      new L.PutLogEventsCommand({
        logGroupName: '/tap/workflow',
        logStreamName: 'states/workflow/2026-11-28-00/0a1b2c3d',
        logEvents: events,
      }),
    );
    const stats = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'TapStack/dev',
        MetricName: 'Errors',
        StartTime: new Date(at - 3_600_000),
        EndTime: new Date(at + 3_600_000),
        Period: 3600,
        Statistics: ['Sum', 'SampleCount'],
      }),
    );
    const sum = (stats.Datapoints ?? []).reduce((n, d) => n + (d.Sum ?? 0), 0);
    const count = (stats.Datapoints ?? []).reduce((n, d) => n + (d.SampleCount ?? 0), 0);
    // Two failures count 1 each; the start emits the default value 0.
    expect({ sum, count }).toEqual({ sum: 2, count: 3 });
  });
});

describe('the metric-filter bridge in-process', () => {
  it('publishes values from $.fields with dimensions, skips non-numeric values, and covers other services’ putLogEvents', () => {
    const models = createServiceModels();
    const published: Array<{
      namespace: string;
      data: Array<{ metricName: string; value: number; dimensions: unknown; unit?: string; timestamp: Date }>;
    }> = [];
    connectMetricFilters(models.logs, { putMetricData: (_a, _r, namespace, data) => published.push({ namespace, data }) });
    models.logs.groups.get('000000000000', 'us-east-1').set('/app', { name: '/app', arn: 'arn', creationTime: new Date() });
    models.logs.metricFilters.get('000000000000', 'us-east-1').set('latency', {
      name: 'latency',
      logGroupName: '/app',
      filterPattern: '{ $.latency > 0 }',
      metricTransformations: [
        {
          metricName: 'Latency',
          metricNamespace: 'App',
          metricValue: '$.latency',
          dimensions: { Route: '$.route' },
          unit: 'Milliseconds',
        },
      ],
    });
    models.logs.putLogEvents('000000000000', 'us-east-1', '/app', 's', [
      { timestamp: 1000, message: JSON.stringify({ latency: 120, route: '/a' }) },
      { timestamp: 2000, message: JSON.stringify({ latency: '7', route: '/b' }) },
      { timestamp: 3000, message: JSON.stringify({ latency: 5 }) },
      { timestamp: 4000, message: 'not json' },
    ]);
    expect(published).toEqual([
      {
        namespace: 'App',
        data: [
          {
            metricName: 'Latency',
            value: 120,
            dimensions: [{ name: 'Route', value: '/a' }],
            unit: 'Milliseconds',
            timestamp: new Date(1000),
          },
          {
            metricName: 'Latency',
            value: 7,
            dimensions: [{ name: 'Route', value: '/b' }],
            unit: 'Milliseconds',
            timestamp: new Date(2000),
          },
        ],
      },
    ]);
  });
});
