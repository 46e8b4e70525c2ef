/**
 * Issue 8's fuzz: a bounded, seeded (reproducible) run of random and mutated requests in each protocol localaws
 * speaks — awsQuery forms, AWS JSON 1.0/1.1 with X-Amz-Target, and S3's restXml. Whatever arrives, the answer is
 * never a 5xx (bar S3's deliberate 501 NotImplemented for a known but unimplemented operation), never a hang, and
 * health stays fast. A failure prints the request, so it can be replayed; change SEED to explore further.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';
import { healthMs, postForm, postJson, prng, s3Request, type RawReply } from './hostile-http';

const SEED = 8;
const PER_PROTOCOL = 300;

let server: Localaws;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined });
});
afterAll(() => server.close());

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, max: number) => Math.floor(random() * max);

/** Characters (code points, so no lone surrogates) that trip parsers: separators, escapes, quotes, non-ASCII. */
const ALPHABET = Array.from('abcXYZ019._-~%&=+/?#[]{}<>"\'\\:;, \n\t\u00e9\u4e2d\ud83d\ude00');
function junk(random: Random, max = 40): string {
  let out = '';
  for (let i = int(random, max); i > 0; i--) out += ALPHABET[int(random, ALPHABET.length)];
  return out;
}

/** What node:http lets a client put in a header (visible ASCII and spaces). */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '_');

/** One of a few edits to a text: flip a char, cut it short, duplicate a slice, splice in junk or a bad escape. */
function mutate(random: Random, text: string): string {
  const at = int(random, text.length + 1);
  switch (int(random, 6)) {
    case 0:
      return text.slice(0, at) + String.fromCharCode(int(random, 128)) + text.slice(at + 1);
    case 1:
      return text.slice(0, at);
    case 2:
      return text.slice(0, at) + text.slice(int(random, at + 1), at) + text.slice(at);
    case 3:
      return text.slice(0, at) + junk(random) + text.slice(at);
    case 4:
      return text.slice(0, at) + pick(random, ['%', '%Z', '%E0%A4', '%00', '%FF', '\u0000']) + text.slice(at);
    default:
      return text;
  }
}

/** A random JSON value, sometimes of the right kind for a member, often not. */
function randomJson(random: Random, depth = 0): unknown {
  switch (int(random, depth > 4 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1e308, -0.5, 2 ** 53 + 1, 42]);
    case 3:
    case 4:
      return junk(random, 20);
    case 5:
    case 6:
      return Array.from({ length: int(random, 4) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: int(random, 4) }, () => [pick(random, MEMBER_NAMES), randomJson(random, depth + 1)]),
      );
  }
}

const MEMBER_NAMES = [
  'KeyId',
  'Limit',
  'Name',
  'Value',
  'Type',
  'Plaintext',
  'logGroupName',
  'TableName',
  'Key',
  'Item',
  'stateMachineArn',
  'input',
  'MetricData',
  'Namespace',
  'AttributeDefinitions',
  'KeySchema',
  'Overwrite',
  'Tags',
  'x',
];

/** Failures with the request that caused them, so a red run says exactly what to replay. */
function verdict(reply: RawReply, allowed: (reply: RawReply) => boolean): string | undefined {
  if (reply.status >= 500 && !allowed(reply)) return `${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status === 0) return 'no status';
  return undefined;
}

async function fuzz(
  name: string,
  build: (random: Random) => { describe: string; send: () => Promise<RawReply> },
  allowed: (reply: RawReply) => boolean = () => false,
): Promise<void> {
  const random = prng(SEED * 1000 + name.length);
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let previous = '';
  for (let i = 0; i < PER_PROTOCOL; i++) {
    const request = build(random);
    const before = previous;
    previous = request.describe;
    let reply: RawReply;
    try {
      reply = await request.send();
    } catch (error) {
      problems.push(`#${i} ${request.describe}: ${(error as Error).message} (after ${before})`);
      if (problems.length >= 3) break;
      continue;
    }
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    const problem = verdict(reply, allowed);
    if (problem) problems.push(`#${i} ${request.describe} → ${problem}`);
    if (problems.length >= 3) break; // enough to act on; a hang costs its timeout each time
    if (i % 100 === 99) expect(await healthMs(server.url), `health after ${name} #${i}`).toBeLessThan(100);
  }
  expect(problems).toEqual([]);
  // The run did reach handlers, not only parsers: some requests succeed.
  expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
}

describe(`fuzz (seed ${SEED}, ${PER_PROTOCOL} requests per protocol)`, () => {
  it('awsQuery forms (CloudFormation, STS, CloudWatch)', async () => {
    const template = JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    const bases: Array<[string, string]> = [
      ['cloudformation', 'Action=DescribeStacks&Version=2010-05-15'],
      ['cloudformation', 'Action=ListStacks&Version=2010-05-15&StackStatusFilter.member.1=CREATE_COMPLETE'],
      ['cloudformation', `Action=ValidateTemplate&Version=2010-05-15&TemplateBody=${encodeURIComponent(template)}`],
      [
        'cloudformation',
        `Action=CreateStack&Version=2010-05-15&StackName=fz&TemplateBody=${encodeURIComponent(template)}&Parameters.member.1.ParameterKey=a&Parameters.member.1.ParameterValue=b&Tags.member.1.Key=k&Tags.member.1.Value=v`,
      ],
      ['cloudformation', 'Action=DescribeStackEvents&Version=2010-05-15&StackName=fz'],
      [
        'cloudformation',
        `Action=GetTemplateSummary&Version=2010-05-15&TemplateBody=${encodeURIComponent('Resources:\n  T:\n    Type: AWS::SNS::Topic\n')}`,
      ],
      ['sts', 'Action=GetCallerIdentity&Version=2011-06-15'],
      [
        'sts',
        'Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::000000000000:role/r&RoleSessionName=s&DurationSeconds=900',
      ],
      ['monitoring', 'Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=a'],
      [
        'monitoring',
        'Action=PutMetricData&Version=2010-08-01&Namespace=N&MetricData.member.1.MetricName=m&MetricData.member.1.Value=1&MetricData.member.1.Dimensions.member.1.Name=d&MetricData.member.1.Dimensions.member.1.Value=v',
      ],
    ];
    await fuzz('query', (random) => {
      const [service, body] = pick(random, bases);
      let mutated = body;
      for (let n = int(random, 4); n > 0; n--) mutated = mutate(random, mutated);
      if (random() < 0.2)
        mutated += `&${pick(random, ['Parameters.member.', 'Tags.member.', 'a.b.c.', ''])}${pick(random, ['1', '0', '10001', '-1', '1.2', 'x'])}.${junk(random, 10)}=${junk(random, 10)}`;
      return {
        describe: `${service} ${JSON.stringify(mutated.slice(0, 300))}`,
        send: () => postForm(server.url, mutated, service),
      };
    });
  });

  it('AWS JSON 1.0/1.1 (KMS, Logs, SSM, DynamoDB, Step Functions, CloudWatch)', async () => {
    const targets: Array<[string, string, '1.0' | '1.1', object]> = [
      ['kms', 'TrentService.ListKeys', '1.1', { Limit: 10 }],
      ['kms', 'TrentService.CreateKey', '1.1', { Description: 'd', Tags: [{ TagKey: 'k', TagValue: 'v' }] }],
      ['kms', 'TrentService.Encrypt', '1.1', { KeyId: 'alias/x', Plaintext: 'aGk=' }],
      ['logs', 'Logs_20140328.DescribeLogGroups', '1.1', { logGroupNamePrefix: '/a' }],
      ['logs', 'Logs_20140328.CreateLogGroup', '1.1', { logGroupName: '/fz/g' }],
      [
        'logs',
        'Logs_20140328.PutLogEvents',
        '1.1',
        { logGroupName: '/fz/g', logStreamName: 's', logEvents: [{ timestamp: 1, message: 'm' }] },
      ],
      ['ssm', 'AmazonSSM.PutParameter', '1.1', { Name: '/fz/p', Value: 'v', Type: 'String', Overwrite: true }],
      ['ssm', 'AmazonSSM.GetParameter', '1.1', { Name: '/fz/p' }],
      [
        'dynamodb',
        'DynamoDB_20120810.CreateTable',
        '1.0',
        {
          TableName: 'fz',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      ],
      [
        'dynamodb',
        'DynamoDB_20120810.PutItem',
        '1.0',
        { TableName: 'fz', Item: { id: { S: 'a' }, m: { M: { n: { L: [{ N: '1' }] } } } } },
      ],
      ['dynamodb', 'DynamoDB_20120810.GetItem', '1.0', { TableName: 'fz', Key: { id: { S: 'a' } } }],
      ['states', 'AWSStepFunctions.ListStateMachines', '1.0', {}],
      [
        'states',
        'AWSStepFunctions.StartExecution',
        '1.0',
        { stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x', input: '{}' },
      ],
      [
        'monitoring',
        'GraniteServiceVersion20100801.PutMetricData',
        '1.0',
        { Namespace: 'N', MetricData: [{ MetricName: 'm', Value: 1 }] },
      ],
      ['monitoring', 'GraniteServiceVersion20100801.DescribeAlarms', '1.0', {}],
    ];
    await fuzz('json', (random) => {
      const [service, target, version, valid] = pick(random, targets);
      let body: string;
      const kind = int(random, 4);
      if (kind === 0) body = JSON.stringify(randomJson(random));
      else if (kind === 1) body = JSON.stringify({ ...valid, [pick(random, MEMBER_NAMES)]: randomJson(random) });
      else {
        body = JSON.stringify(valid);
        for (let n = int(random, 3) + (kind === 2 ? 0 : 1); n > 0; n--) body = mutate(random, body);
      }
      const sentTarget = random() < 0.1 ? headerSafe(mutate(random, target)) : target;
      return {
        describe: `${service} ${sentTarget} ${JSON.stringify(body.slice(0, 300))}`,
        send: () => postJson(server.url, service, sentTarget, body, version, { 'x-amzn-query-mode': 'true' }),
      };
    });
  });

  it('restXml (S3)', async () => {
    const methods = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
    const subresources = [
      '',
      '?tagging',
      '?versioning',
      '?encryption',
      '?location',
      '?policy',
      '?acl',
      '?cors',
      '?uploads',
      '?delete',
      '?list-type=2&prefix=a',
      '?uploadId=x&partNumber=1',
      '?lifecycle',
      '?website',
      '?max-keys=-1',
      '?list-type=2&max-keys=abc',
    ];
    const bodies = [
      '',
      '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>',
      '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>',
      '<Delete><Object><Key>a</Key></Object><Quiet>true</Quiet></Delete>',
      '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>',
      '{"Version":"2012-10-17","Statement":[]}',
    ];
    const headerSets: Array<Record<string, string>> = [
      {},
      { 'x-amz-copy-source': '/fz-bucket/a' },
      { 'content-encoding': 'aws-chunked' },
      { range: 'bytes=5-1' },
      { 'x-amz-meta-a': 'b' },
      { 'if-match': '"x"' },
    ];
    await fuzz(
      'restxml',
      (random) => {
        const method = pick(random, methods);
        const bucket = random() < 0.6 ? 'fz-bucket' : random() < 0.5 ? junk(random, 10).replace(/[/?#]/g, '') : '';
        const key =
          random() < 0.5
            ? ''
            : pick(random, ['a', 'dir/b.txt', '%E2%9C%93', '%ZZ', '%', '..%2F..', junk(random, 20).replace(/[?#]/g, '')]);
        let path = `/${encodeURI(bucket).replace(/%25/g, '%')}${key ? `/${key}` : ''}${pick(random, subresources)}`;
        if (random() < 0.15) path = mutate(random, path);
        path = path.replace(/[\s\u0000-\u001f\u007f-\uffff]/g, '_');
        if (!path.startsWith('/')) path = `/${path}`;
        let body = pick(random, bodies);
        if (random() < 0.5) body = mutate(random, body);
        const headers = pick(random, headerSets);
        return {
          describe: `${method} ${path} ${JSON.stringify(headers)} ${JSON.stringify(body.slice(0, 200))}`,
          send: () => s3Request(server.url, method, path, method === 'GET' || method === 'HEAD' ? undefined : body, headers),
        };
      },
      (reply) => reply.status === 501 && (reply.text === '' || /<Code>NotImplemented<\/Code>/.test(reply.text)),
    );
  });
});
