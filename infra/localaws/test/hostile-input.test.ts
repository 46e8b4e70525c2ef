/**
 * Issue 8: no request can crash or hang localaws. Each hostile request gets an AWS-style 4xx with AWS's error code,
 * and right after it the server still answers its health check fast and has not grown by 100 MB.
 */
import { gzipSync } from 'node:zlib';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeStacksCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, stopTestEnv, type TestEnv } from '../src/testing';
import { errorCode, errorMessage, healthMs, postForm, postJson, s3Request, type RawReply } from './hostile-http';

let env: TestEnv;
let base: string;
beforeAll(async () => {
  env = await startTestEnv();
  base = env.server.url;
});
afterAll(() => stopTestEnv(env));

/** Runs one hostile request and checks the server came through it: health within 100 ms, RSS up < 100 MB. */
async function survives<T>(attack: () => Promise<T>): Promise<T> {
  const before = process.memoryUsage().rss;
  const result = await attack();
  expect(await healthMs(base)).toBeLessThan(100);
  expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  return result;
}

function refusal(
  promise: Promise<unknown>,
): Promise<{ name?: string; message?: string; $metadata?: { httpStatusCode?: number } }> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as { name?: string; message?: string },
  );
}

const expectError = (reply: RawReply, status: number, code: string) =>
  expect({ status: reply.status, code: errorCode(reply) }).toEqual({ status, code });
const dotted = (bytes: number) => 'a.'.repeat(Math.ceil(bytes / 2)).slice(0, bytes);

describe('awsQuery forms', () => {
  it('a 140 KB dotted key is refused at once, in linear time', async () => {
    const started = performance.now();
    const reply = await survives(() => postForm(base, `Action=DescribeStacks&Version=2010-05-15&${dotted(140_000)}=1`));
    expectError(reply, 400, 'MalformedQueryString');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('keys over 1,024 characters or 16 levels deep are MalformedQueryString; a member index past 10,000 a ValidationError', async () => {
    expectError(
      await survives(() => postForm(base, `Action=DescribeStacks&${'k'.repeat(1_025)}=1`)),
      400,
      'MalformedQueryString',
    );
    expectError(await survives(() => postForm(base, `Action=DescribeStacks&${dotted(33)}=1`)), 400, 'MalformedQueryString');
    const index = await survives(() =>
      postForm(base, 'Action=CreateStack&StackName=s&Parameters.member.99999999999.ParameterKey=a'),
    );
    expectError(index, 400, 'ValidationError');
    // 16 levels and a 10,000th member are still fine
    expect(
      (await postForm(base, `Action=DescribeStacks&Version=2010-05-15&${'a.'.repeat(15)}a=1&Tags.member.10000.Key=k`)).status,
    ).toBe(200);
  });

  it('more than 10,000 parameters are refused', async () => {
    const body = `Action=DescribeStacks&${Array.from({ length: 10_001 }, (_, i) => `p${i}=1`).join('&')}`;
    const reply = await survives(() => postForm(base, body));
    expectError(reply, 400, 'MalformedQueryString');
    expect(errorMessage(reply)).toContain('more than 10000 parameters');
  });

  it('the most a legal-sized form can hold (1 MB of 16-level keys, under 10,000 parameters) is read quickly', async () => {
    const key = (i: number) => `Tags.member.${i}.${'segment.'.repeat(12)}Key`;
    const pairs: string[] = [];
    for (let i = 1, size = 0; size < 1_000_000 - 300; i++) {
      pairs.push(`${key(i)}=v`);
      size += pairs.at(-1)!.length + 1;
    }
    const started = performance.now();
    const reply = await survives(() => postForm(base, `Action=DescribeStacks&Version=2010-05-15&${pairs.join('&')}`));
    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('a form body over 1 MB is 413 RequestEntityTooLarge', async () => {
    const reply = await survives(() => postForm(base, `Action=DescribeStacks&Pad=${'x'.repeat(1024 * 1024)}`));
    expectError(reply, 413, 'RequestEntityTooLarge');
  });
});

describe('CloudFormation templates', () => {
  const deepJson = (levels: number) =>
    `{"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"X":${'['.repeat(levels)}${']'.repeat(levels)}}}}}`;

  it('a template nested 3,000 levels deep is refused and no stack exists', async () => {
    const error = await survives(() =>
      refusal(env.cfn.send(new CreateStackCommand({ StackName: 'deep', TemplateBody: deepJson(3_000) }))),
    );
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Template format error: The template nests deeper than 100 levels.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(env.cfn.send(new DescribeStacksCommand({ StackName: 'deep' }))).rejects.toMatchObject({
      message: 'Stack with id deep does not exist',
    });
  });

  it('deep YAML is refused too: flow brackets and block indentation', async () => {
    const flow = `Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      X: ${'['.repeat(3_000)}${']'.repeat(3_000)}\n`;
    const flowError = await survives(() => refusal(env.cfn.send(new ValidateTemplateCommand({ TemplateBody: flow }))));
    expect(flowError).toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/^Template format error: /) });
    let block = 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n';
    for (let i = 0; i < 150; i++) block += `${' '.repeat(6 + i)}k${i}:\n`;
    block += `${' '.repeat(160)}v\n`;
    const blockError = await survives(() => refusal(env.cfn.send(new ValidateTemplateCommand({ TemplateBody: block }))));
    expect(blockError).toMatchObject({
      name: 'ValidationError',
      message: 'Template format error: The template nests deeper than 100 levels.',
    });
    // 50 levels is an ordinary (if odd) template
    await expect(env.cfn.send(new ValidateTemplateCommand({ TemplateBody: deepJson(50) }))).resolves.toBeDefined();
  });

  it('a TemplateBody over 51,200 bytes is refused with the length constraint; 51,200 exactly passes', async () => {
    const padded = (bytes: number) => {
      const shell = JSON.stringify({ Description: '', Resources: { T: { Type: 'AWS::SNS::Topic' } } });
      return JSON.stringify({ Description: 'd'.repeat(bytes - shell.length), Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    };
    const body = padded(51_201);
    const error = await survives(() => refusal(env.cfn.send(new CreateStackCommand({ StackName: 'big', TemplateBody: body }))));
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: `1 validation error detected: Value '${body}' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200`,
    });
    await expect(env.cfn.send(new ValidateTemplateCommand({ TemplateBody: padded(51_200) }))).resolves.toBeDefined();
  });

  it('a TemplateURL object over 1 MB is refused', async () => {
    expect((await s3Request(base, 'PUT', '/tpl-bucket')).status).toBe(200);
    const big = JSON.stringify({ Description: 'd'.repeat(1024 * 1024), Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    expect((await s3Request(base, 'PUT', '/tpl-bucket/big.json', big)).status).toBe(200);
    const error = await survives(() =>
      refusal(env.cfn.send(new CreateStackCommand({ StackName: 'big-url', TemplateURL: `${base}/tpl-bucket/big.json` }))),
    );
    expect(error).toMatchObject({ name: 'ValidationError', message: 'Template may not exceed 1048576 bytes in size.' });
    const badEscape = await survives(() =>
      refusal(env.cfn.send(new CreateStackCommand({ StackName: 'bad-url', TemplateURL: `${base}/tpl-bucket/%ZZ.json` }))),
    );
    expect(badEscape).toMatchObject({ name: 'ValidationError', message: 'TemplateURL must be a supported URL.' });
  });

  it('an unknown resource type is refused by CreateStack, CreateChangeSet and ValidateTemplate before any stack exists', async () => {
    const TemplateBody = JSON.stringify({ Resources: { A: { Type: 'AWS::Foo::Bar' }, B: { Type: 'AWS::SNS::Topic' } } });
    const expected = {
      name: 'ValidationError',
      message: 'Template format error: Unrecognized resource types: [AWS::Foo::Bar]',
      $metadata: { httpStatusCode: 400 },
    };
    expect(await survives(() => refusal(env.cfn.send(new CreateStackCommand({ StackName: 'foo', TemplateBody }))))).toMatchObject(
      expected,
    );
    expect(
      await refusal(
        env.cfn.send(
          new CreateChangeSetCommand({ StackName: 'foo', ChangeSetName: 'cs', ChangeSetType: 'CREATE', TemplateBody }),
        ),
      ),
    ).toMatchObject(expected);
    expect(await refusal(env.cfn.send(new ValidateTemplateCommand({ TemplateBody })))).toMatchObject(expected);
    await expect(env.cfn.send(new DescribeStacksCommand({ StackName: 'foo' }))).rejects.toMatchObject({
      message: 'Stack with id foo does not exist',
    });
  });

  it('custom resources and real types localaws cannot provision pass validation', async () => {
    const TemplateBody = JSON.stringify({
      Resources: {
        A: { Type: 'Custom::Anything' },
        B: {
          Type: 'AWS::CloudFormation::CustomResource',
          Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:f' },
        },
        C: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        D: { Type: 'AWS::CDK::Metadata' },
      },
    });
    await expect(env.cfn.send(new ValidateTemplateCommand({ TemplateBody }))).resolves.toBeDefined();
  });
});

describe('JSON bodies', () => {
  it('JSON nested 100,000 levels deep is a SerializationException', async () => {
    const deep = `{"Limit":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const reply = await survives(() => postJson(base, 'kms', 'TrentService.ListKeys', deep));
    expectError(reply, 400, 'SerializationException');
    // 20 levels of nonsense is only a type error, still a 400
    expect((await postJson(base, 'kms', 'TrentService.ListKeys', `{"Limit":${'['.repeat(20)}${']'.repeat(20)}}`)).status).toBe(
      400,
    );
  });

  it('a JSON body over 16 MB is 413, and a gzip bomb stops at the limit', async () => {
    const big = await survives(() =>
      postJson(base, 'logs', 'Logs_20140328.DescribeLogGroups', `{"x":"${'a'.repeat(16 * 1024 * 1024)}"}`),
    );
    expectError(big, 413, 'RequestEntityTooLarge');
    const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
    const reply = await survives(() =>
      postJson(base, 'logs', 'Logs_20140328.DescribeLogGroups', bomb, '1.1', { 'content-encoding': 'gzip' }),
    );
    expectError(reply, 413, 'RequestEntityTooLarge');
  });
});

describe('S3 requests', () => {
  it('a bad percent-escape in the key or bucket is 400 InvalidURI', async () => {
    const key = await survives(() => s3Request(base, 'GET', '/tpl-bucket/bad%ZZkey'));
    expectError(key, 400, 'InvalidURI');
    expect(errorMessage(key)).toBe("Couldn't parse the specified URI.");
    expectError(await s3Request(base, 'PUT', '/tpl-bucket/half%E0%A4'), 400, 'InvalidURI');
    expectError(await s3Request(base, 'GET', '/bad%'), 400, 'InvalidURI');
  });

  it('a path that opens with // (not a URL on its own) is answered, not a crash or a hang', async () => {
    const reply = await survives(() => s3Request(base, 'GET', '//..%2F..?encryption'));
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });

  it('deep or oversized XML bodies are refused before parsing', async () => {
    const deep = `<Tagging>${'<a>'.repeat(3_000)}${'</a>'.repeat(3_000)}</Tagging>`;
    expectError(await survives(() => s3Request(base, 'PUT', '/tpl-bucket?tagging', deep)), 400, 'MalformedXML');
    const huge = `<Tagging><TagSet>${'<Tag><Key>k</Key><Value>v</Value></Tag>'.repeat(60_000)}</TagSet></Tagging>`;
    expectError(await survives(() => s3Request(base, 'PUT', '/tpl-bucket?tagging', huge)), 400, 'MaxMessageLengthExceeded');
  });
});
