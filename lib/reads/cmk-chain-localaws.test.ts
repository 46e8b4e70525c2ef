/**
 * The CMK chain's reads against a real localaws: the TapStack deployed from its synthesized template, read through
 * the real lib/aws adapters (pointed at localaws through AWS_ENDPOINT_URL, which config.ts reads on first use).
 */
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from 'localaws';
import { sharedTemplate } from '@/infra/test/synth';
import { AwsCallError } from '@/lib/aws/client-config';
import { readRecentLogMessages, testMetricFilter } from '@/lib/aws/logs';
import { readCmkChain } from './cmk-chain';

const REGION = 'us-east-1';
const STACK = 'TapStack-cmkchain';
let server: Localaws;
let cfn: CloudFormationClient;
let kms: KMSClient;
let outputs: Record<string, string> = {};

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.url,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  const home = { endpoint: server.url, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  cfn = new CloudFormationClient(home);
  kms = new KMSClient(home);
  await cfn.send(
    new CreateStackCommand({
      StackName: STACK,
      TemplateBody: JSON.stringify(sharedTemplate({ suffix: 'cmkchain' })),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
    }),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0];
    if (stack?.StackStatus === 'CREATE_COMPLETE') {
      outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
      break;
    }
    if (stack?.StackStatus?.endsWith('_COMPLETE') || stack?.StackStatus?.endsWith('_FAILED') || Date.now() > deadline)
      throw new Error(`${STACK} is ${stack?.StackStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 90_000);

afterAll(async () => {
  cfn?.destroy();
  kms?.destroy();
  await server?.close();
});

describe('readCmkChain on localaws', () => {
  it('reads the whole chain of a good TapStack: every link passes, two filters each watched by its alarm', async () => {
    const chain = await readCmkChain(STACK);
    expect(chain?.links.map((l) => `${l.id}:${l.status}`)).toEqual([
      'key:ok',
      'key-policy:ok',
      'log-group:ok',
      'filters:ok',
      'alarms:ok',
    ]);
    expect(chain?.expectedKeyArn).toBe(outputs.CmkArn);
    expect(chain?.logGroupKeyId).toBe(outputs.CmkArn);
    expect(chain?.filters.map((f) => f.metrics.map((m) => m.name))).toEqual([['Errors'], ['Throttles']]);
    expect(chain?.filters.map((f) => f.alarms.map((a) => a.name))).toEqual([[`${STACK}-errors`], [`${STACK}-throttles`]]);
  });

  it('flags the key policy once the Logs CreateGrant statement is removed', async () => {
    const keyId = outputs.CmkArn!;
    const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy!) as {
      Statement: Array<{ Sid?: string }>;
    };
    const narrowed = { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== 'LogsCreatesGrantsForAwsResources') };
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(narrowed) }));
    try {
      const chain = await readCmkChain(STACK);
      expect(chain?.status).toBe('failure');
      expect(chain?.links.find((l) => l.id === 'key-policy')).toMatchObject({
        status: 'failure',
        failingChecks: ['create-grant'],
      });
    } finally {
      await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
    }
  });

  it('is null for a stack that does not exist', async () => {
    expect(await readCmkChain('TapStack-nothere')).toBeNull();
  });
});

describe('TestMetricFilter and recent lines on localaws', () => {
  it('reports the matching lines, numbered from 1, with the values the pattern names', async () => {
    const matches = await testMetricFilter('{ ($.type = "TaskFailed") && ($.details.error = "*ThrottlingException") }', [
      '{"type":"TaskSucceeded"}',
      '{"type":"TaskFailed","details":{"error":"S3.ThrottlingException"}}',
    ]);
    expect(matches).toEqual([
      {
        lineNumber: 2,
        message: '{"type":"TaskFailed","details":{"error":"S3.ThrottlingException"}}',
        extractedValues: { '$.type': 'TaskFailed', '$.details.error': 'S3.ThrottlingException' },
      },
    ]);
  });

  it('fails an unparsable pattern with the InvalidParameterException the route turns into a 400', async () => {
    await expect(testMetricFilter('{ $.type = ', ['x'])).rejects.toSatisfy(
      (error) => error instanceof AwsCallError && error.code === 'InvalidParameterException',
    );
  });

  it('reads no recent lines from a group nothing has written to yet', async () => {
    expect(await readRecentLogMessages(outputs.LogGroupName!)).toEqual([]);
  });
});
