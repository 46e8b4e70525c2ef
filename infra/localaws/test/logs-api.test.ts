/** CloudWatch Logs through the real SDK client: groups, KMS binding, streams, events, filters, deliveries, tags. */
import * as L from '@aws-sdk/client-cloudwatch-logs';
import * as K from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
let logs: L.CloudWatchLogsClient;
let kms: K.KMSClient;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  logs = new L.CloudWatchLogsClient(config);
  kms = new K.KMSClient(config);
});
afterAll(async () => {
  logs.destroy();
  kms.destroy();
  await server.close();
});

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected an error'),
    (error: Error) => error,
  );
const groupArn = (name: string) => `arn:aws:logs:us-east-1:000000000000:log-group:${name}`;

/** A key policy like the seed's remediation: Logs may use the key for groups matching `pattern`. */
function logsKeyPolicy(pattern: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' },
      {
        Effect: 'Allow',
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': pattern } },
      },
    ],
  });
}

describe('log groups', () => {
  it('creates, describes (prefix, pattern, pages) and deletes groups', async () => {
    for (const name of ['/tap/a', '/tap/b', '/tap/c', '/other/TAP-d'])
      await logs.send(new L.CreateLogGroupCommand({ logGroupName: name, tags: { Name: 'x' } }));
    const exists = await fail(logs.send(new L.CreateLogGroupCommand({ logGroupName: '/tap/a' })));
    expect(exists).toBeInstanceOf(L.ResourceAlreadyExistsException);
    expect(exists.message).toBe('The specified log group already exists');
    const first = await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/tap/', limit: 2 }));
    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual(['/tap/a', '/tap/b']);
    expect(first.logGroups?.[0]).toMatchObject({
      arn: `${groupArn('/tap/a')}:*`,
      logGroupArn: groupArn('/tap/a'),
      metricFilterCount: 0,
    });
    expect(typeof first.logGroups?.[0]?.creationTime).toBe('number');
    const second = await logs.send(
      new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/tap/', limit: 2, nextToken: first.nextToken }),
    );
    expect(second.logGroups?.map((g) => g.logGroupName)).toEqual(['/tap/c']);
    expect(second.nextToken).toBeUndefined();
    const byPattern = await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePattern: 'tap-d' }));
    expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual(['/other/TAP-d']);
    expect(await fail(logs.send(new L.DescribeLogGroupsCommand({ nextToken: 'bogus' })))).toBeInstanceOf(
      L.InvalidParameterException,
    );
    await logs.send(new L.DeleteLogGroupCommand({ logGroupName: '/tap/c' }));
    const gone = await fail(logs.send(new L.DeleteLogGroupCommand({ logGroupName: '/tap/c' })));
    expect(gone).toBeInstanceOf(L.ResourceNotFoundException);
    expect(gone.message).toBe('The specified log group does not exist.');
  });

  it('accepts only the retention values AWS allows', async () => {
    await logs.send(new L.CreateLogGroupCommand({ logGroupName: '/ret' }));
    await logs.send(new L.PutRetentionPolicyCommand({ logGroupName: '/ret', retentionInDays: 731 }));
    expect(
      (await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/ret' }))).logGroups?.[0]?.retentionInDays,
    ).toBe(731);
    const bad = await fail(logs.send(new L.PutRetentionPolicyCommand({ logGroupName: '/ret', retentionInDays: 2 })));
    expect(bad).toBeInstanceOf(L.InvalidParameterException);
    expect(bad.message).toContain(
      "Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90",
    );
    await logs.send(new L.DeleteRetentionPolicyCommand({ logGroupName: '/ret' }));
    expect(
      (await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/ret' }))).logGroups?.[0]?.retentionInDays,
    ).toBeUndefined();
  });

  it('tags a group by ARN', async () => {
    await logs.send(new L.CreateLogGroupCommand({ logGroupName: '/tags', tags: { Name: 'one' } }));
    await logs.send(new L.TagResourceCommand({ resourceArn: groupArn('/tags'), tags: { Mode: 'dry-run' } }));
    await logs.send(new L.UntagResourceCommand({ resourceArn: groupArn('/tags'), tagKeys: ['Name'] }));
    expect((await logs.send(new L.ListTagsForResourceCommand({ resourceArn: groupArn('/tags') }))).tags).toEqual({
      Mode: 'dry-run',
    });
    expect(await fail(logs.send(new L.ListTagsForResourceCommand({ resourceArn: groupArn('/none') })))).toBeInstanceOf(
      L.ResourceNotFoundException,
    );
  });
});

describe('log groups bound to a KMS key (the seed’s third failure)', () => {
  it('refuses a key whose policy does not let Logs use it for this group, through CreateLogGroup and AssociateKmsKey', async () => {
    const key = (await kms.send(new K.CreateKeyCommand({}))).KeyMetadata!;
    const created = await fail(logs.send(new L.CreateLogGroupCommand({ logGroupName: '/tap/bound', kmsKeyId: key.Arn })));
    expect(created).toBeInstanceOf(L.AccessDeniedException);
    expect(created.message).toBe(
      `The specified KMS key does not exist or is not allowed to be used with Arn '${groupArn('/tap/bound')}'`,
    );
    await logs.send(new L.CreateLogGroupCommand({ logGroupName: '/tap/bound' }));
    expect(await fail(logs.send(new L.AssociateKmsKeyCommand({ logGroupName: '/tap/bound', kmsKeyId: key.Arn })))).toBeInstanceOf(
      L.AccessDeniedException,
    );
    // A policy scoped to other groups still refuses.
    await kms.send(
      new K.PutKeyPolicyCommand({
        KeyId: key.KeyId,
        Policy: logsKeyPolicy('arn:aws:logs:us-east-1:000000000000:log-group:/other/*'),
      }),
    );
    expect(await fail(logs.send(new L.AssociateKmsKeyCommand({ logGroupName: '/tap/bound', kmsKeyId: key.Arn })))).toBeInstanceOf(
      L.AccessDeniedException,
    );
  });

  it('binds once the key policy grants the regional Logs principal for the group ARN', async () => {
    const key = (
      await kms.send(new K.CreateKeyCommand({ Policy: logsKeyPolicy('arn:aws:logs:us-east-1:000000000000:log-group:/tap/*') }))
    ).KeyMetadata!;
    await logs.send(new L.CreateLogGroupCommand({ logGroupName: '/tap/good', kmsKeyId: key.Arn }));
    expect((await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/tap/good' }))).logGroups?.[0]?.kmsKeyId).toBe(
      key.Arn,
    );
    await logs.send(new L.DisassociateKmsKeyCommand({ logGroupName: '/tap/good' }));
    expect(
      (await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/tap/good' }))).logGroups?.[0]?.kmsKeyId,
    ).toBeUndefined();
    await logs.send(new L.AssociateKmsKeyCommand({ logGroupName: '/tap/good', kmsKeyId: key.Arn }));
  });

  it('refuses a disabled key and a key pending deletion', async () => {
    const policy = logsKeyPolicy('arn:aws:logs:us-east-1:000000000000:log-group:*');
    const disabled = (await kms.send(new K.CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
    await kms.send(new K.DisableKeyCommand({ KeyId: disabled.KeyId }));
    const pending = (await kms.send(new K.CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
    await kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: pending.KeyId, PendingWindowInDays: 7 }));
    await logs.send(new L.CreateLogGroupCommand({ logGroupName: '/keys/states' }));
    for (const key of [disabled, pending]) {
      expect(
        await fail(logs.send(new L.AssociateKmsKeyCommand({ logGroupName: '/keys/states', kmsKeyId: key.Arn }))),
      ).toBeInstanceOf(L.AccessDeniedException);
    }
  });
});

describe('log streams and events', () => {
  const now = Date.now();
  beforeAll(async () => {
    await logs.send(new L.CreateLogGroupCommand({ logGroupName: '/ev' }));
    await logs.send(new L.CreateLogStreamCommand({ logGroupName: '/ev', logStreamName: 's1' }));
    await logs.send(new L.CreateLogStreamCommand({ logGroupName: '/ev', logStreamName: 's2' }));
  });

  it('describes and deletes streams; unknown ones are ResourceNotFoundException', async () => {
    const { logStreams } = await logs.send(new L.DescribeLogStreamsCommand({ logGroupName: '/ev' }));
    expect(logStreams?.map((s) => s.logStreamName)).toEqual(['s1', 's2']);
    expect(logStreams?.[0]?.arn).toBe(`${groupArn('/ev')}:log-stream:s1`);
    expect(await fail(logs.send(new L.CreateLogStreamCommand({ logGroupName: '/ev', logStreamName: 's1' })))).toBeInstanceOf(
      L.ResourceAlreadyExistsException,
    );
    const missing = await fail(
      logs.send(
        new L.PutLogEventsCommand({ logGroupName: '/ev', logStreamName: 'nope', logEvents: [{ timestamp: now, message: 'x' }] }),
      ),
    );
    expect(missing).toBeInstanceOf(L.ResourceNotFoundException);
    expect(missing.message).toBe('The specified log stream does not exist.');
    expect(
      (
        await fail(
          logs.send(
            new L.PutLogEventsCommand({
              logGroupName: '/none',
              logStreamName: 's',
              logEvents: [{ timestamp: now, message: 'x' }],
            }),
          ),
        )
      ).message,
    ).toBe('The specified log group does not exist.');
    await logs.send(new L.CreateLogStreamCommand({ logGroupName: '/ev', logStreamName: 'tmp' }));
    await logs.send(new L.DeleteLogStreamCommand({ logGroupName: '/ev', logStreamName: 'tmp' }));
    expect(await fail(logs.send(new L.DeleteLogStreamCommand({ logGroupName: '/ev', logStreamName: 'tmp' })))).toBeInstanceOf(
      L.ResourceNotFoundException,
    );
  });

  it('puts events, refusing unordered batches and reporting too old / too new ones', async () => {
    const unordered = await fail(
      logs.send(
        new L.PutLogEventsCommand({
          logGroupName: '/ev',
          logStreamName: 's1',
          logEvents: [
            { timestamp: now, message: 'b' },
            { timestamp: now - 1, message: 'a' },
          ],
        }),
      ),
    );
    expect(unordered).toBeInstanceOf(L.InvalidParameterException);
    expect(unordered.message).toBe('Log events in a single PutLogEvents request must be in chronological order.');
    const events = Array.from({ length: 5 }, (_, i) => ({ timestamp: now + i, message: `ERROR event ${i}` }));
    const put = await logs.send(new L.PutLogEventsCommand({ logGroupName: '/ev', logStreamName: 's1', logEvents: events }));
    expect(put.rejectedLogEventsInfo).toBeUndefined();
    const old = now - 15 * 86_400_000;
    const tooOld = await logs.send(
      new L.PutLogEventsCommand({
        logGroupName: '/ev',
        logStreamName: 's2',
        logEvents: [
          { timestamp: old, message: 'old' },
          { timestamp: old + 1, message: 'old' },
        ],
      }),
    );
    expect(tooOld.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    const span = await fail(
      logs.send(
        new L.PutLogEventsCommand({
          logGroupName: '/ev',
          logStreamName: 's2',
          logEvents: [
            { timestamp: old, message: 'old' },
            { timestamp: now, message: 'new' },
          ],
        }),
      ),
    );
    expect(span.message).toBe('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    await logs.send(
      new L.PutLogEventsCommand({
        logGroupName: '/ev',
        logStreamName: 's2',
        logEvents: [{ timestamp: now + 10, message: 'INFO ok' }],
      }),
    );
    const future = await logs.send(
      new L.PutLogEventsCommand({
        logGroupName: '/ev',
        logStreamName: 's2',
        logEvents: [
          { timestamp: now + 11, message: 'INFO ok' },
          { timestamp: now + 3 * 3_600_000, message: 'future' },
        ],
      }),
    );
    expect(future.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
  });

  it('pages GetLogEvents forwards and backwards with stable end tokens', async () => {
    const head = await logs.send(
      new L.GetLogEventsCommand({ logGroupName: '/ev', logStreamName: 's1', startFromHead: true, limit: 2 }),
    );
    expect(head.events?.map((e) => e.message)).toEqual(['ERROR event 0', 'ERROR event 1']);
    const next = await logs.send(
      new L.GetLogEventsCommand({ logGroupName: '/ev', logStreamName: 's1', nextToken: head.nextForwardToken, limit: 10 }),
    );
    expect(next.events?.map((e) => e.message)).toEqual(['ERROR event 2', 'ERROR event 3', 'ERROR event 4']);
    const end = await logs.send(
      new L.GetLogEventsCommand({ logGroupName: '/ev', logStreamName: 's1', nextToken: next.nextForwardToken }),
    );
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(next.nextForwardToken);
    const tail = await logs.send(new L.GetLogEventsCommand({ logGroupName: '/ev', logStreamName: 's1', limit: 2 }));
    expect(tail.events?.map((e) => e.message)).toEqual(['ERROR event 3', 'ERROR event 4']);
    const back = await logs.send(
      new L.GetLogEventsCommand({ logGroupName: '/ev', logStreamName: 's1', nextToken: tail.nextBackwardToken, limit: 2 }),
    );
    expect(back.events?.map((e) => e.message)).toEqual(['ERROR event 1', 'ERROR event 2']);
  });

  it('filters events across streams with a pattern, stream names, a time range and pages', async () => {
    const all = await logs.send(new L.FilterLogEventsCommand({ logGroupName: '/ev', filterPattern: 'ERROR -"event 0"' }));
    expect(all.events?.map((e) => e.message)).toEqual(['ERROR event 1', 'ERROR event 2', 'ERROR event 3', 'ERROR event 4']);
    const inS2 = await logs.send(new L.FilterLogEventsCommand({ logGroupName: '/ev', logStreamNames: ['s2'] }));
    expect(inS2.events?.map((e) => e.logStreamName)).toEqual(['s2', 's2']);
    const ranged = await logs.send(new L.FilterLogEventsCommand({ logGroupName: '/ev', startTime: now + 1, endTime: now + 2 }));
    expect(ranged.events?.map((e) => e.message)).toEqual(['ERROR event 1', 'ERROR event 2']);
    const pages: string[] = [];
    let token: string | undefined;
    do {
      const p = await logs.send(
        new L.FilterLogEventsCommand({ logGroupName: '/ev', filterPattern: 'ERROR', limit: 2, nextToken: token }),
      );
      pages.push(...(p.events ?? []).map((e) => e.message!));
      token = p.nextToken;
    } while (token);
    expect(pages).toHaveLength(5);
    const bad = await fail(logs.send(new L.FilterLogEventsCommand({ logGroupName: '/ev', filterPattern: '{ $.a = ' })));
    expect(bad).toBeInstanceOf(L.InvalidParameterException);
    expect(bad.message).toBe('Invalid metric filter pattern');
  });
});

describe('metric filters', () => {
  beforeAll(() => logs.send(new L.CreateLogGroupCommand({ logGroupName: '/mf' })));
  const transformation = { metricName: 'Errors', metricNamespace: 'Tap/test', metricValue: '1', defaultValue: 0 };

  it('puts, describes and deletes metric filters', async () => {
    await logs.send(
      new L.PutMetricFilterCommand({
        logGroupName: '/mf',
        filterName: 'errors',
        filterPattern: '{ $.type = "TaskFailed" }',
        metricTransformations: [transformation],
      }),
    );
    const { metricFilters } = await logs.send(new L.DescribeMetricFiltersCommand({ logGroupName: '/mf' }));
    expect(metricFilters).toEqual([
      expect.objectContaining({
        filterName: 'errors',
        logGroupName: '/mf',
        filterPattern: '{ $.type = "TaskFailed" }',
        metricTransformations: [transformation],
      }),
    ]);
    expect(
      (await logs.send(new L.DescribeMetricFiltersCommand({ metricName: 'Errors', metricNamespace: 'Tap/test' }))).metricFilters,
    ).toHaveLength(1);
    expect(
      (await logs.send(new L.DescribeLogGroupsCommand({ logGroupNamePrefix: '/mf' }))).logGroups?.[0]?.metricFilterCount,
    ).toBe(1);
    await logs.send(new L.DeleteMetricFilterCommand({ logGroupName: '/mf', filterName: 'errors' }));
    expect(await fail(logs.send(new L.DeleteMetricFilterCommand({ logGroupName: '/mf', filterName: 'errors' })))).toBeInstanceOf(
      L.ResourceNotFoundException,
    );
  });

  it('refuses a malformed pattern, a missing group, over 3 dimensions and a non-numeric value', async () => {
    const put = (filterPattern: string, t: L.MetricTransformation = transformation, logGroupName = '/mf') =>
      logs.send(new L.PutMetricFilterCommand({ logGroupName, filterName: 'f', filterPattern, metricTransformations: [t] }));
    const bad = await fail(put('{ $.type = '));
    expect(bad).toBeInstanceOf(L.InvalidParameterException);
    expect(bad.message).toBe('Invalid metric filter pattern');
    expect(await fail(put('ERROR', transformation, '/none'))).toBeInstanceOf(L.ResourceNotFoundException);
    const dims = { a: '$.a', b: '$.b', c: '$.c', d: '$.d' };
    expect(
      await fail(put('{ $.a = 1 }', { metricName: 'm', metricNamespace: 'n', metricValue: '1', dimensions: dims })),
    ).toBeInstanceOf(L.InvalidParameterException);
    expect(await fail(put('ERROR', { ...transformation, metricValue: 'one' }))).toBeInstanceOf(L.InvalidParameterException);
  });

  it('tests a pattern against messages, with extracted values', async () => {
    const json = await logs.send(
      new L.TestMetricFilterCommand({
        filterPattern: '{ $.latency > 100 }',
        logEventMessages: ['{"latency": 50}', '{"latency": 250}', 'not json'],
      }),
    );
    expect(json.matches).toEqual([{ eventNumber: 2, eventMessage: '{"latency": 250}', extractedValues: { '$.latency': '250' } }]);
    const spaced = await logs.send(
      new L.TestMetricFilterCommand({
        filterPattern: '[ip, user, ..., status = 5*, size]',
        logEventMessages: ['10.0.0.1 alice "GET /" 503 12', '10.0.0.1 bob "GET /" 200 12'],
      }),
    );
    expect(spaced.matches).toEqual([
      {
        eventNumber: 1,
        eventMessage: '10.0.0.1 alice "GET /" 503 12',
        extractedValues: { $ip: '10.0.0.1', $user: 'alice', $status: '503', $size: '12' },
      },
    ]);
    expect(
      await fail(logs.send(new L.TestMetricFilterCommand({ filterPattern: '[a,', logEventMessages: ['x'] }))),
    ).toBeInstanceOf(L.InvalidParameterException);
  });
});

describe('log deliveries and resource policies (what a Step Functions role needs)', () => {
  it('serves the resource-policy APIs', async () => {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 'logs:PutLogEvents', Resource: '*' },
      ],
    });
    const put = await logs.send(
      new L.PutResourcePolicyCommand({ policyName: 'AWSLogDeliveryWrite20150319', policyDocument: document }),
    );
    expect(put.resourcePolicy).toMatchObject({ policyName: 'AWSLogDeliveryWrite20150319', policyDocument: document });
    expect((await logs.send(new L.DescribeResourcePoliciesCommand({}))).resourcePolicies?.map((p) => p.policyName)).toContain(
      'AWSLogDeliveryWrite20150319',
    );
    await logs.send(new L.DeleteResourcePolicyCommand({ policyName: 'AWSLogDeliveryWrite20150319' }));
    const gone = await fail(logs.send(new L.DeleteResourcePolicyCommand({ policyName: 'AWSLogDeliveryWrite20150319' })));
    expect(gone).toBeInstanceOf(L.ResourceNotFoundException);
    expect(gone.message).toBe('Policy with name [AWSLogDeliveryWrite20150319] does not exist');
    expect(
      await fail(
        logs.send(new L.PutResourcePolicyCommand({ policyName: 'big', policyDocument: JSON.stringify({ x: 'y'.repeat(6000) }) })),
      ),
    ).toBeInstanceOf(L.InvalidParameterException);
  });
});
