/** CloudWatch metric operations through the real SDK client (awsJson1.0, query-compatible errors). */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  InvalidNextToken,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  ListMetricsCommand,
  PutMetricDataCommand,
  type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
let cw: CloudWatchClient;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  cw = new CloudWatchClient({
    endpoint: server.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' },
  });
});
afterAll(async () => {
  cw.destroy();
  await server.close();
});

const MINUTE = 60_000;
/**
 * A 5-minute boundary a few minutes back, so every datum sits in a known, finished period whether the test asks
 * for 1-minute or 5-minute periods (a minute boundary alone made the 5-minute buckets depend on the wall clock).
 */
const base = Math.floor(Date.now() / (5 * MINUTE)) * 5 * MINUTE - 10 * MINUTE;
const put = (Namespace: string, MetricData: MetricDatum[]) => cw.send(new PutMetricDataCommand({ Namespace, MetricData }));
const refused = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
  );

describe('PutMetricData and GetMetricStatistics', () => {
  beforeAll(async () => {
    const dims = [{ Name: 'Fn', Value: 'a' }];
    await put('App', [
      { MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(base + 1000), Value: 10, Unit: 'Milliseconds' },
      {
        MetricName: 'Latency',
        Dimensions: dims,
        Timestamp: new Date(base + 2000),
        Values: [20, 30],
        Counts: [1, 2],
        Unit: 'Milliseconds',
      },
      {
        MetricName: 'Latency',
        Dimensions: dims,
        Timestamp: new Date(base + MINUTE),
        StatisticValues: { SampleCount: 4, Sum: 40, Minimum: 5, Maximum: 15 },
        Unit: 'Milliseconds',
      },
    ]);
  });

  it('answers each statistic per period, with the unit', async () => {
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Fn', Value: 'a' }],
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * MINUTE),
        Period: 60,
        Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'],
      }),
    );
    expect(out.Label).toBe('Latency');
    expect(out.Datapoints).toEqual([
      { Timestamp: new Date(base), SampleCount: 4, Sum: 90, Average: 22.5, Minimum: 10, Maximum: 30, Unit: 'Milliseconds' },
      { Timestamp: new Date(base + MINUTE), SampleCount: 4, Sum: 40, Average: 10, Minimum: 5, Maximum: 15, Unit: 'Milliseconds' },
    ]);
    const wide = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Fn', Value: 'a' }],
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * MINUTE),
        Period: 300,
        ExtendedStatistics: ['p50', 'p99'],
      }),
    );
    // 8 samples: 10 once, 20 once, 30 twice and a statistic set of 4 whose average (10) stands in for them
    expect(wide.Datapoints?.[0]?.ExtendedStatistics).toEqual({ p50: 10, p99: 30 });
  });

  it('reads data sent out of time order into the right periods (reads binary-search a time-ordered series)', async () => {
    // Newest first, then one in the middle: the model keeps each series in timestamp order as points arrive.
    for (const [offset, value] of [
      [4, 4],
      [0, 1],
      [2, 3],
      [1, 2],
      [0, 10],
    ] as const)
      await put('App', [{ MetricName: 'Shuffled', Timestamp: new Date(base + offset * MINUTE + 1_000), Value: value }]);
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(base + MINUTE),
        EndTime: new Date(base + 4 * MINUTE),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 's', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Shuffled' }, Period: 60, Stat: 'Sum' } },
        ],
      }),
    );
    expect(out.MetricDataResults?.[0]?.Values).toEqual([2, 3]);
    const all = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Shuffled',
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * MINUTE),
        Period: 300,
        Statistics: ['Sum', 'SampleCount'],
      }),
    );
    expect(all.Datapoints?.[0]).toMatchObject({ Sum: 20, SampleCount: 5 });
  });

  it('matches the exact dimension set only', async () => {
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * MINUTE),
        Period: 60,
        Statistics: ['Sum'],
      }),
    );
    expect(out.Datapoints).toEqual([]);
  });

  it('accepts the gzipped body the SDK sends for large PutMetricData calls', async () => {
    const data = Array.from({ length: 500 }, (_, i) => ({
      MetricName: 'Bulk',
      Dimensions: [{ Name: 'Shard', Value: `shard-${i % 5}` }],
      Timestamp: new Date(base + i),
      Value: 1,
    }));
    expect(JSON.stringify(data).length).toBeGreaterThan(10_240); // over the SDK's compression threshold
    await put('Bulk', data);
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Bulk',
        MetricName: 'Bulk',
        Dimensions: [{ Name: 'Shard', Value: 'shard-0' }],
        StartTime: new Date(base),
        EndTime: new Date(base + MINUTE),
        Period: 60,
        Statistics: ['SampleCount'],
      }),
    );
    expect(out.Datapoints?.[0]?.SampleCount).toBe(100);
  });

  it('refuses bad periods, statistics and datum shapes with the SDK error classes', async () => {
    const stats = (over: object) =>
      refused(
        cw.send(
          new GetMetricStatisticsCommand({
            Namespace: 'App',
            MetricName: 'Latency',
            StartTime: new Date(base),
            EndTime: new Date(base + MINUTE),
            Period: 60,
            Statistics: ['Sum'],
            ...over,
          }),
        ),
      );
    expect(await stats({ Period: 90 })).toBeInstanceOf(InvalidParameterValueException);
    expect((await stats({ Period: 90 }))?.message).toContain('multiple of 60');
    expect(await stats({ Period: 10 })).toBeUndefined();
    expect(await stats({ Statistics: ['Median'] })).toBeInstanceOf(InvalidParameterValueException);
    expect(await stats({ ExtendedStatistics: ['p90'] })).toBeInstanceOf(InvalidParameterCombinationException);
    const many = Array.from({ length: 1001 }, () => ({ MetricName: 'X', Value: 1 }));
    expect((await refused(put('App', many)))?.message).toContain('must not have a size greater than 1000');
    const dims = Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' }));
    expect((await refused(put('App', [{ MetricName: 'X', Value: 1, Dimensions: dims }])))?.message).toContain('greater than 30');
    expect(
      await refused(
        put('App', [{ MetricName: 'X', Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }]),
      ),
    ).toBeInstanceOf(InvalidParameterCombinationException);
    expect((await refused(put('App', [{ MetricName: 'X', Values: [1, 2], Counts: [1] }])))?.message).toContain(
      'must be of the same size',
    );
    expect(await refused(put('AWS/States', [{ MetricName: 'X', Value: 1 }]))).toBeInstanceOf(InvalidParameterValueException);
  });
});

describe('GetMetricData', () => {
  beforeAll(async () => {
    await put(
      'Data',
      [0, 1, 2, 3].map((i) => ({ MetricName: 'Count', Timestamp: new Date(base + i * MINUTE), Value: i + 1 })),
    );
  });
  const query = { Id: 'm1', MetricStat: { Metric: { Namespace: 'Data', MetricName: 'Count' }, Period: 60, Stat: 'Sum' } };

  it('returns values newest first by default, oldest first with TimestampAscending', async () => {
    const out = await cw.send(
      new GetMetricDataCommand({ MetricDataQueries: [query], StartTime: new Date(base), EndTime: new Date(base + 10 * MINUTE) }),
    );
    expect(out.MetricDataResults).toEqual([
      {
        Id: 'm1',
        Label: 'Count',
        Timestamps: [3, 2, 1, 0].map((i) => new Date(base + i * MINUTE)),
        Values: [4, 3, 2, 1],
        StatusCode: 'Complete',
        Messages: [],
      },
    ]);
    const asc = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: [query],
        StartTime: new Date(base),
        EndTime: new Date(base + 10 * MINUTE),
        ScanBy: 'TimestampAscending',
      }),
    );
    expect(asc.MetricDataResults?.[0]?.Values).toEqual([1, 2, 3, 4]);
  });

  it('pages by MaxDatapoints with NextToken, PartialData until the last page', async () => {
    const pages = [];
    let NextToken: string | undefined;
    do {
      const out = await cw.send(
        new GetMetricDataCommand({
          MetricDataQueries: [query],
          StartTime: new Date(base),
          EndTime: new Date(base + 10 * MINUTE),
          MaxDatapoints: 3,
          NextToken,
        }),
      );
      pages.push(out.MetricDataResults?.[0]);
      NextToken = out.NextToken;
    } while (NextToken);
    expect(pages.map((p) => [p?.Values, p?.StatusCode])).toEqual([
      [[4, 3, 2], 'PartialData'],
      [[1], 'Complete'],
    ]);
  });

  it('refuses math expressions and a foreign NextToken', async () => {
    const math = await refused(
      cw.send(
        new GetMetricDataCommand({
          MetricDataQueries: [{ Id: 'e1', Expression: 'm1 * 2' }],
          StartTime: new Date(base),
          EndTime: new Date(base + MINUTE),
        }),
      ),
    );
    expect(math?.name).toBe('ValidationException');
    const token = await refused(
      cw.send(
        new GetMetricDataCommand({
          MetricDataQueries: [query],
          StartTime: new Date(base),
          EndTime: new Date(base + MINUTE),
          NextToken: 'bogus',
        }),
      ),
    );
    expect(token).toBeInstanceOf(InvalidNextToken);
  });
});

describe('ListMetrics', () => {
  beforeAll(async () => {
    await put(
      'Many',
      Array.from({ length: 501 }, (_, i) => ({
        MetricName: `m${String(i).padStart(3, '0')}`,
        Dimensions: [{ Name: 'Shard', Value: String(i % 2) }],
        Value: 1,
      })),
    );
  });

  it('filters by namespace, name and dimensions', async () => {
    const byName = await cw.send(new ListMetricsCommand({ Namespace: 'Many', MetricName: 'm007' }));
    expect(byName.Metrics).toEqual([{ Namespace: 'Many', MetricName: 'm007', Dimensions: [{ Name: 'Shard', Value: '1' }] }]);
    const byDim = await cw.send(
      new ListMetricsCommand({ Namespace: 'Many', Dimensions: [{ Name: 'Shard', Value: '0' }], RecentlyActive: 'PT3H' }),
    );
    expect(byDim.Metrics).toHaveLength(251);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Many', Dimensions: [{ Name: 'Other' }] }))).Metrics).toEqual([]);
  });

  it('pages by 500 with NextToken', async () => {
    const first = await cw.send(new ListMetricsCommand({ Namespace: 'Many' }));
    expect(first.Metrics).toHaveLength(500);
    const second = await cw.send(new ListMetricsCommand({ Namespace: 'Many', NextToken: first.NextToken }));
    expect(second.Metrics?.map((m) => m.MetricName)).toEqual(['m500']);
    expect(second.NextToken).toBeUndefined();
    expect(await refused(cw.send(new ListMetricsCommand({ Namespace: 'Other', NextToken: first.NextToken })))).toBeInstanceOf(
      InvalidNextToken,
    );
  });
});
