/**
 * What localaws keeps, bounded as AWS bounds it (or, where AWS keeps everything, by a stated local cap): log
 * events by the group's retentionInDays and a per-group cap, metric points by a retention horizon, stack events
 * per stack, S3 object size, and fault rules.
 */
import { describe, expect, it } from 'vitest';
import { createClock } from '../src/clock';
import { FaultEngine, MAX_FAULT_RULES } from '../src/faults';
import { CloudFormationModel, MAX_STACK_EVENTS, type StackState } from '../src/services/cloudformation/model';
import { CloudWatchModel, MAX_POINTS_PER_SERIES } from '../src/services/cloudwatch/model';
import { LogsModel, MAX_EVENTS_PER_GROUP } from '../src/services/logs/model';
import { MAX_OBJECT_BYTES, S3Model } from '../src/services/s3/model';

const A = '111111111111';
const R = 'us-east-1';
const DAY = 86_400_000;

function logsWithGroup(retentionInDays?: number): LogsModel {
  const logs = new LogsModel();
  logs.groups.get(A, R).set('g', { name: 'g', arn: 'arn:g', creationTime: new Date(), retentionInDays });
  return logs;
}

const eventsOf = (logs: LogsModel, stream: string) => logs.streams.get(A, R).get('g')?.get(stream)?.events ?? [];

describe('log events', () => {
  it("drop out after the group's retentionInDays, by event time", () => {
    const logs = logsWithGroup(1);
    const now = Date.now();
    logs.putLogEvents(A, R, 'g', 's', [
      { timestamp: now - 3 * DAY, message: 'old' },
      { timestamp: now - 2 * DAY, message: 'old too' },
    ]);
    logs.putLogEvents(A, R, 'g', 's', [{ timestamp: now, message: 'new' }]);
    expect(eventsOf(logs, 's').map((e) => e.message)).toEqual(['new']);
  });

  it('are kept without a retention, up to the per-group cap (oldest first, across streams)', () => {
    const logs = logsWithGroup();
    const now = Date.now() - DAY;
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ timestamp: now + from + i, message: `e${from + i}` }));
    for (let i = 0; i < MAX_EVENTS_PER_GROUP; i += 10_000) logs.putLogEvents(A, R, 'g', 'a', batch(i, 10_000));
    logs.putLogEvents(A, R, 'g', 'b', batch(MAX_EVENTS_PER_GROUP, 5));
    expect(eventsOf(logs, 'a')).toHaveLength(MAX_EVENTS_PER_GROUP - 5);
    expect(eventsOf(logs, 'a')[0]?.message).toBe('e5');
    expect(eventsOf(logs, 'b')).toHaveLength(5);
  });
});

describe('metric points', () => {
  it('older than the retention horizon are dropped; a series is capped', () => {
    const cloudwatch = new CloudWatchModel(15 * DAY);
    const now = Date.now();
    const datum = (timestamp: number, value: number) => ({
      metricName: 'm',
      dimensions: [],
      timestamp: new Date(timestamp),
      value,
    });
    cloudwatch.putMetricData(A, R, 'ns', [datum(now - 20 * DAY, 1), datum(now - 16 * DAY, 2)]);
    cloudwatch.putMetricData(A, R, 'ns', [datum(now - DAY, 3), datum(now, 4)]);
    const series = [...cloudwatch.metrics.get(A, R).values()][0]!;
    expect(series.points.map((p) => p.value)).toEqual([3, 4]);
    cloudwatch.putMetricData(
      A,
      R,
      'ns',
      Array.from({ length: MAX_POINTS_PER_SERIES + 10 }, (_, i) => datum(now + i, i)),
    );
    expect(series.points).toHaveLength(MAX_POINTS_PER_SERIES);
    expect(series.points.at(-1)?.value).toBe(MAX_POINTS_PER_SERIES + 9);
  });

  it('reads the horizon from LOCALAWS_METRIC_RETENTION_DAYS', async () => {
    const { metricRetentionMsFromEnv } = await import('../src/services/cloudwatch/model');
    expect(metricRetentionMsFromEnv({})).toBe(15 * DAY);
    expect(metricRetentionMsFromEnv({ LOCALAWS_METRIC_RETENTION_DAYS: '63' })).toBe(63 * DAY);
  });
});

describe('stack events', () => {
  it('are capped per stack, oldest dropped', () => {
    const model = new CloudFormationModel(createClock());
    const stack = { stackId: 'arn:s', stackName: 's', events: [], resources: new Map() } as unknown as StackState;
    for (let i = 0; i < MAX_STACK_EVENTS + 3; i++) model.addStackEvent(stack, 'UPDATE_IN_PROGRESS', `n${i}`);
    expect(stack.events).toHaveLength(MAX_STACK_EVENTS);
    expect(stack.events[0]?.ResourceStatusReason).toBe('n3');
  });
});

describe('S3 objects', () => {
  it(`over ${MAX_OBJECT_BYTES} bytes are refused with EntityTooLarge`, () => {
    const s3 = new S3Model();
    const bucket = {
      name: 'b',
      account: A,
      region: R,
      createdAt: new Date(),
      encryption: { algorithm: 'AES256' },
      objects: new Map(),
    };
    expect(() => s3.putObject(bucket, 'big', Buffer.alloc(MAX_OBJECT_BYTES + 1))).toThrow(
      expect.objectContaining({ code: 'EntityTooLarge' }),
    );
    expect(s3.putObject(bucket, 'ok', Buffer.alloc(10)).key).toBe('ok');
  });
});

describe('fault rules', () => {
  it('are bounded in number and in field length', () => {
    const faults = new FaultEngine();
    faults.add(Array.from({ length: MAX_FAULT_RULES }, () => ({ service: 's3', latencyMs: 1 })));
    expect(() => faults.add({ service: 's3', latencyMs: 1 })).toThrow(/at most 100 fault rules/);
    faults.clear();
    expect(() => faults.add({ service: 'x'.repeat(300), latencyMs: 1 })).toThrow(/at most 256 characters/);
  });
});
