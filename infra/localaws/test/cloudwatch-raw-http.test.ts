/** CloudWatch over raw HTTP: awsJson1.0 edges (query-compatible errors) and the older form protocol (XML out). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
});
afterAll(() => server.close());

const auth =
  'AWS4-HMAC-SHA256 Credential=123456789012/20260101/eu-west-1/monitoring/aws4_request, SignedHeaders=host, Signature=x';
const json = (op: string, body: string, target = `GraniteServiceVersion20100801.${op}`) =>
  fetch(server.url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': target,
      'x-amzn-query-mode': 'true',
      authorization: auth,
    },
  });
const form = (body: string) =>
  fetch(server.url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: auth },
  });

describe('CloudWatch awsJson1.0', () => {
  it('answers with JSON 1.0 and epoch-second timestamps', async () => {
    const put = await json(
      'PutMetricAlarm',
      JSON.stringify({
        AlarmName: 'raw',
        Namespace: 'N',
        MetricName: 'M',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    expect(put.status).toBe(200);
    const res = await json('DescribeAlarms', '{"AlarmNames":["raw"]}');
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const body = (await res.json()) as { MetricAlarms: Array<{ AlarmArn: string; StateUpdatedTimestamp: number }> };
    expect(body.MetricAlarms[0]?.AlarmArn).toBe('arn:aws:cloudwatch:eu-west-1:123456789012:alarm:raw');
    expect(typeof body.MetricAlarms[0]?.StateUpdatedTimestamp).toBe('number');
  });

  it('names a missing member with MissingParameter, in the body and x-amzn-query-error', async () => {
    const res = await json('PutMetricAlarm', '{}');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-query-error')).toBe('MissingParameter;Sender');
    expect(await res.json()).toEqual({ __type: 'MissingParameter', message: 'The parameter AlarmName is required.' });
  });

  it('answers a missing alarm with ResourceNotFound (404)', async () => {
    const res = await json('SetAlarmState', '{"AlarmName":"ghost","StateValue":"OK","StateReason":"x"}');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-query-error')).toBe('ResourceNotFound;Sender');
  });

  it('never answers 500 to malformed bodies, wrong types or unknown operations', async () => {
    const cases: Array<[string, string]> = [
      ['PutMetricData', '{"Namespace":'],
      ['PutMetricData', '{"Namespace":"N","MetricData":"nope"}'],
      ['PutMetricData', '{"Namespace":"N","MetricData":[{"MetricName":"M"}]}'],
      ['PutMetricData', '{"Namespace":"N","MetricData":[{"Value":1}]}'],
      ['GetMetricData', '{"MetricDataQueries":[{"Id":"m1","MetricStat":{"Period":60}}],"StartTime":1,"EndTime":2}'],
      ['GetMetricStatistics', '{"Namespace":"N","MetricName":"M","StartTime":10,"EndTime":5,"Period":60,"Statistics":["Sum"]}'],
      ['PutMetricAlarm', '{"AlarmName":"x","Threshold":{"a":1}}'],
      ['DescribeAlarms', '{"MaxRecords":0}'],
      ['TagResource', '{"ResourceARN":"not-an-arn","Tags":[]}'],
      ['NoSuchOperation', '{}'],
    ];
    for (const [op, body] of cases) {
      const res = await json(op, body);
      expect(res.status, `${op} ${body}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${op} ${body}`).toBeLessThan(500);
    }
    expect((await json('DescribeAlarms', '{}', 'Logs_20140328.DescribeAlarms')).headers.get('x-amzn-errortype')).toBe(
      'UnknownOperationException',
    );
  });
});

describe('CloudWatch form protocol (older clients)', () => {
  it('serves DescribeAlarms as XML in the monitoring namespace', async () => {
    const put = await form(
      'Action=PutMetricAlarm&Version=2010-08-01&AlarmName=form-alarm&Namespace=N&MetricName=M&Statistic=Average&Period=60&EvaluationPeriods=1&Threshold=2&ComparisonOperator=LessThanThreshold&Dimensions.member.1.Name=Fn&Dimensions.member.1.Value=a',
    );
    expect(put.status).toBe(200);
    const res = await form('Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=form-alarm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const xml = await res.text();
    expect(xml).toMatch(
      /^<DescribeAlarmsResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><DescribeAlarmsResult>/,
    );
    expect(xml).toContain('<AlarmName>form-alarm</AlarmName>');
    expect(xml).toContain('<Dimensions><member><Name>Fn</Name><Value>a</Value></member></Dimensions>');
    expect(xml).toContain('<StateValue>INSUFFICIENT_DATA</StateValue>');
    expect(xml).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/DescribeAlarmsResponse>$/);
  });

  it('takes PutMetricData and answers GetMetricStatistics datapoints', async () => {
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 120_000).toISOString();
    expect(
      (
        await form(
          `Action=PutMetricData&Version=2010-08-01&Namespace=F&MetricData.member.1.MetricName=Hits&MetricData.member.1.Value=4&MetricData.member.1.Timestamp=${now}`,
        )
      ).status,
    ).toBe(200);
    const start = new Date(Date.parse(now) - 60_000).toISOString();
    const end = new Date(Date.parse(now) + 60_000).toISOString();
    const xml = await (
      await form(
        `Action=GetMetricStatistics&Version=2010-08-01&Namespace=F&MetricName=Hits&StartTime=${start}&EndTime=${end}&Period=60&Statistics.member.1=Sum`,
      )
    ).text();
    expect(xml).toContain(
      `<Datapoints><member><Timestamp>${now.replace('.000Z', 'Z')}</Timestamp><Sum>4</Sum><Unit>None</Unit></member></Datapoints>`,
    );
  });

  it('refuses an unknown action and a missing parameter with XML errors', async () => {
    const unknown = await form('Action=DescribeEverything&Version=2010-08-01');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('<Code>InvalidAction</Code>');
    const missing = await form('Action=DeleteAlarms&Version=2010-08-01');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(
      /<ErrorResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>ValidationError<\/Code><Message>1 validation error detected: Value null at &apos;alarmNames&apos;/,
    );
    const notFound = await form('Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=ghost');
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('<Code>ResourceNotFound</Code>');
  });
});
