/** Termination protection, GetTemplateSummary and TemplateURL through the real SDK. */
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateSummaryCommand,
  UpdateStackCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTemplateUrl } from '../src/services/cloudformation/template-url';
import { startTestEnv, stopTestEnv, waitForStack, type TestEnv } from '../src/testing';

let env: TestEnv;
let s3: S3Client;
beforeAll(async () => {
  env = await startTestEnv(200);
  s3 = new S3Client({
    endpoint: env.server.url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'cfn-templates' }));
});
afterAll(async () => {
  s3.destroy();
  await stopTestEnv(env);
});

const topic = (name: string) =>
  JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: name } } } });

describe('termination protection', () => {
  it('refuses DeleteStack while enabled (what `cdk destroy` then reports), and deletes once disabled', async () => {
    const { StackId } = await env.cfn.send(
      new CreateStackCommand({ StackName: 'tp-stack', TemplateBody: topic('tp'), EnableTerminationProtection: true }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    expect(
      (await env.cfn.send(new DescribeStacksCommand({ StackName: 'tp-stack' }))).Stacks?.[0]?.EnableTerminationProtection,
    ).toBe(true);
    const error = await env.cfn.send(new DeleteStackCommand({ StackName: 'tp-stack' })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Stack [tp-stack] cannot be deleted while TerminationProtection is enabled',
      $metadata: { httpStatusCode: 400 },
    });
    expect((await env.cfn.send(new DescribeStacksCommand({ StackName: 'tp-stack' }))).Stacks?.[0]?.StackStatus).toBe(
      'CREATE_COMPLETE',
    );
    expect(
      await env.cfn.send(new UpdateTerminationProtectionCommand({ StackName: 'tp-stack', EnableTerminationProtection: false })),
    ).toMatchObject({ StackId });
    expect(
      (await env.cfn.send(new DescribeStacksCommand({ StackName: 'tp-stack' }))).Stacks?.[0]?.EnableTerminationProtection,
    ).toBe(false);
    await env.cfn.send(new DeleteStackCommand({ StackName: 'tp-stack' }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('DELETE_COMPLETE');
  });

  it('UpdateTerminationProtection on a missing stack is a ValidationError', async () => {
    const error = await env.cfn
      .send(new UpdateTerminationProtectionCommand({ StackName: 'tp-nope', EnableTerminationProtection: true }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', message: 'Stack with id tp-nope does not exist' });
  });
});

const summaryTemplate = {
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'summary test',
  Transform: 'AWS::LanguageExtensions',
  Parameters: {
    Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'], Description: 'environment' },
    Secret: { Type: 'String', NoEcho: true },
  },
  Resources: {
    Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'named', AssumeRolePolicyDocument: { Statement: [] } } },
    Group: { Type: 'AWS::Logs::LogGroup' },
    Other: { Type: 'AWS::Logs::LogGroup' },
  },
};

describe('GetTemplateSummary', () => {
  it('summarises a template body: parameters, types, capabilities, transforms, identifiers', async () => {
    const out = await env.cfn.send(new GetTemplateSummaryCommand({ TemplateBody: JSON.stringify(summaryTemplate) }));
    expect(out).toMatchObject({
      Parameters: [
        {
          ParameterKey: 'Env',
          DefaultValue: 'dev',
          ParameterType: 'String',
          NoEcho: false,
          Description: 'environment',
          ParameterConstraints: { AllowedValues: ['dev', 'prod'] },
        },
        { ParameterKey: 'Secret', ParameterType: 'String', NoEcho: true },
      ],
      Description: 'summary test',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      CapabilitiesReason: 'The following resource(s) require capabilities: [AWS::IAM::Role]',
      ResourceTypes: ['AWS::IAM::Role', 'AWS::Logs::LogGroup'],
      Version: '2010-09-09',
      DeclaredTransforms: ['AWS::LanguageExtensions'],
      ResourceIdentifierSummaries: [
        { ResourceType: 'AWS::IAM::Role', LogicalResourceIds: ['Role'], ResourceIdentifiers: ['RoleName'] },
        { ResourceType: 'AWS::Logs::LogGroup', LogicalResourceIds: ['Group', 'Other'], ResourceIdentifiers: ['LogGroupName'] },
      ],
    });
  });

  it("summarises a stack's template, and refuses unrecognized types as CreateStack does", async () => {
    const { StackId } = await env.cfn.send(new CreateStackCommand({ StackName: 'sum-stack', TemplateBody: topic('sum') }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    expect(await env.cfn.send(new GetTemplateSummaryCommand({ StackName: 'sum-stack' }))).toMatchObject({
      ResourceTypes: ['AWS::SNS::Topic'],
      Capabilities: [],
      Parameters: [],
    });
    const bad = JSON.stringify({ Resources: { X: { Type: 'Not::A::Type' } } });
    const error = await env.cfn.send(new GetTemplateSummaryCommand({ TemplateBody: bad })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Template format error: Unrecognized resource types: [Not::A::Type]',
    });
  });
});

describe('TemplateURL', () => {
  it('reads path-style local URLs and s3.amazonaws.com / virtual-hosted forms', () => {
    expect(parseTemplateUrl('http://127.0.0.1:4566/b/dir/t%20x.json')).toEqual({ bucket: 'b', key: 'dir/t x.json' });
    expect(parseTemplateUrl('https://s3.amazonaws.com/b/t.json')).toEqual({ bucket: 'b', key: 't.json' });
    expect(parseTemplateUrl('https://s3.eu-west-1.amazonaws.com/b/t.json')).toEqual({ bucket: 'b', key: 't.json' });
    expect(parseTemplateUrl('https://my.bucket.s3.us-east-1.amazonaws.com/k/t.yaml')).toEqual({
      bucket: 'my.bucket',
      key: 'k/t.yaml',
    });
    expect(parseTemplateUrl('https://b.s3.amazonaws.com/t.json')).toEqual({ bucket: 'b', key: 't.json' });
    expect(parseTemplateUrl('s3://b/t.json')).toBeUndefined();
    expect(parseTemplateUrl('https://example.com/b/t.json')).toBeUndefined();
  });

  it('creates, updates, validates and summarises from an uploaded template; change sets too', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'cfn-templates', Key: 'v1/stack.json', Body: topic('url-1') }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'cfn-templates',
        Key: 'v2/stack.yaml',
        Body: 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: url-2\n',
      }),
    );
    const v1 = `${env.server.url}/cfn-templates/v1/stack.json`;
    const v2 = 'https://cfn-templates.s3.us-east-1.amazonaws.com/v2/stack.yaml';
    const { StackId } = await env.cfn.send(new CreateStackCommand({ StackName: 'url-stack', TemplateURL: v1 }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    expect(
      await env.cfn.send(new ValidateTemplateCommand({ TemplateURL: 'https://s3.amazonaws.com/cfn-templates/v1/stack.json' })),
    ).toMatchObject({ Parameters: [], Capabilities: [] });
    expect((await env.cfn.send(new GetTemplateSummaryCommand({ TemplateURL: v2 }))).ResourceTypes).toEqual(['AWS::SNS::Topic']);
    await env.cfn.send(new UpdateStackCommand({ StackName: 'url-stack', TemplateURL: v2 }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('UPDATE_COMPLETE');
    const { Id } = await env.cfn.send(
      new CreateChangeSetCommand({
        StackName: 'url-cs',
        ChangeSetName: 'cs1',
        ChangeSetType: 'CREATE',
        TemplateURL: v1.replace('v1/stack.json', 'v1/%73tack.json'),
      }),
    );
    for (let i = 0; (await env.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: Id }))).Status !== 'CREATE_COMPLETE'; i++) {
      if (i > 200) throw new Error('change set never completed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await env.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id }));
    expect(await waitForStack(env.cfn, 'url-cs')).toBe('CREATE_COMPLETE');
  });

  it('answers S3 errors and unsupported URLs as CloudFormation does, before any stack exists', async () => {
    const create = (TemplateURL: string) =>
      env.cfn.send(new CreateStackCommand({ StackName: 'url-bad', TemplateURL })).catch((e: unknown) => e);
    const more = '\nFor more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html';
    expect(await create(`${env.server.url}/cfn-templates/missing.json`)).toMatchObject({
      name: 'ValidationError',
      message: `S3 error: The specified key does not exist.${more}`,
    });
    expect(await create('https://s3.amazonaws.com/no-such-bucket-here/t.json')).toMatchObject({
      name: 'ValidationError',
      message: `S3 error: The specified bucket does not exist${more}`,
    });
    expect(await create('https://example.com/t.json')).toMatchObject({
      name: 'ValidationError',
      message: 'TemplateURL must be a supported URL.',
    });
    const other = new S3Client({
      endpoint: env.server.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
    });
    await other.send(new CreateBucketCommand({ Bucket: 'someone-elses' }));
    await other.send(new PutObjectCommand({ Bucket: 'someone-elses', Key: 't.json', Body: topic('x') }));
    other.destroy();
    expect(await create('https://s3.amazonaws.com/someone-elses/t.json')).toMatchObject({
      name: 'ValidationError',
      message: `S3 error: Access Denied${more}`,
    });
    const error = await env.cfn.send(new DescribeStacksCommand({ StackName: 'url-bad' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError' });
  });
});
