/** CloudFormation stacks through the real SDK: create (JSON and YAML), events, reads, delete. */
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, eventLines, startTestEnv, stopTestEnv, waitForStack, type TestEnv } from '../src/testing';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => stopTestEnv(env));

const logsKeyPolicy = {
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
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Sub': 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/tapdeck/*',
          },
        },
      },
    },
  ],
};

const jsonTemplate = {
  Parameters: {
    Env: { Type: 'String', AllowedValues: ['dev', 'prod'], Default: 'dev' },
    Retention: { Type: 'Number', Default: 7, MinValue: 1 },
  },
  Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, IsProd: { 'Fn::Not': [{ Condition: 'IsDev' }] } },
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Condition: 'IsDev', Properties: { KeyPolicy: logsKeyPolicy } },
    Group: {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: { 'Fn::Sub': '/tapdeck/${Env}/${AWS::StackName}' },
        RetentionInDays: { Ref: 'Retention' },
        KmsKeyId: { 'Fn::If': ['IsDev', { 'Fn::GetAtt': ['Key', 'Arn'] }, { Ref: 'AWS::NoValue' }] },
      },
    },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    },
    Policy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'write-logs',
        Roles: [{ Ref: 'Role' }],
        PolicyDocument: {
          Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: { 'Fn::GetAtt': ['Group', 'Arn'] } }],
        },
      },
    },
    Alarm: {
      Type: 'AWS::CloudWatch::Alarm',
      DependsOn: 'Group',
      Properties: {
        MetricName: 'Errors',
        Namespace: 'Tap',
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Period: 60,
        Statistic: 'Sum',
      },
    },
    ProdTopic: { Type: 'AWS::SNS::Topic', Condition: 'IsProd' },
  },
  Outputs: {
    GroupArn: { Value: { 'Fn::GetAtt': ['Group', 'Arn'] }, Export: { Name: 'tap-group-arn' } },
    RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } },
  },
};

describe('STS', () => {
  it('GetCallerIdentity answers the default account, or a 12-digit access key as the account', async () => {
    const me = await env.sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    const other = new STSClient({
      endpoint: env.server.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
    });
    expect((await other.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    other.destroy();
  });
});

describe('CloudFormation stacks', () => {
  it('DescribeStacks of a missing stack is the ValidationError the CDK CLI matches', async () => {
    const error = await env.cfn.send(new DescribeStacksCommand({ StackName: 'nope' })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id nope does not exist',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('creates a JSON stack with parameters, conditions, Fn::If, GetAtt and Sub, in dependency order', async () => {
    const { StackId } = await env.cfn.send(
      new CreateStackCommand({
        StackName: 'sdk-json',
        TemplateBody: JSON.stringify(jsonTemplate),
        Capabilities: ['CAPABILITY_IAM'],
        ClientRequestToken: 'tok-create-1',
      }),
    );
    expect(StackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/sdk-json\/[0-9a-f-]{36}$/);
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');

    const stack = (await env.cfn.send(new DescribeStacksCommand({ StackName: 'sdk-json' }))).Stacks?.[0];
    expect(stack?.Parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'Env', ParameterValue: 'dev' },
        { ParameterKey: 'Retention', ParameterValue: '7' },
      ]),
    );
    const outputs = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs.GroupArn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/tapdeck/dev/sdk-json:*');
    expect(outputs.RoleArn).toMatch(/^arn:aws:iam::000000000000:role\/sdk-json-Role-[A-Z0-9]{12}$/);

    const { events } = await allEvents(env.cfn, 'sdk-json');
    const times = events.map((e) => e.Timestamp!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const lines = eventLines(events);
    expect(lines[0]).toBe('sdk-json CREATE_IN_PROGRESS User Initiated');
    expect(lines.at(-1)).toBe('sdk-json CREATE_COMPLETE');
    for (const id of ['Key', 'Group', 'Role', 'Policy', 'Alarm']) {
      expect(lines.filter((l) => l.startsWith(`${id} `))).toEqual([
        `${id} CREATE_IN_PROGRESS`,
        `${id} CREATE_IN_PROGRESS Resource creation Initiated`,
        `${id} CREATE_COMPLETE`,
      ]);
    }
    expect(lines.some((l) => l.startsWith('ProdTopic'))).toBe(false);
    const at = (line: string) => lines.indexOf(line);
    expect(at('Key CREATE_COMPLETE')).toBeLessThan(at('Group CREATE_IN_PROGRESS'));
    expect(at('Group CREATE_COMPLETE')).toBeLessThan(at('Policy CREATE_IN_PROGRESS'));
    expect(at('Role CREATE_COMPLETE')).toBeLessThan(at('Policy CREATE_IN_PROGRESS'));
    expect(at('Group CREATE_COMPLETE')).toBeLessThan(at('Alarm CREATE_IN_PROGRESS'));
    // Independent resources start together.
    expect(at('Role CREATE_IN_PROGRESS')).toBeLessThan(at('Key CREATE_COMPLETE'));

    for (const e of events) {
      expect(e.ClientRequestToken).toBe('tok-create-1');
      if (e.ResourceType === 'AWS::CloudFormation::Stack') {
        expect(e).toMatchObject({ LogicalResourceId: 'sdk-json', PhysicalResourceId: StackId });
        expect(e.EventId).toMatch(/^[0-9a-f-]{36}$/);
      } else expect(e.EventId).toBe(`${e.LogicalResourceId}-${e.ResourceStatus}-${e.Timestamp!.toISOString()}`);
    }

    const { StackResources } = await env.cfn.send(new DescribeStackResourcesCommand({ StackName: 'sdk-json' }));
    expect(StackResources?.map((r) => r.LogicalResourceId).sort()).toEqual(['Alarm', 'Group', 'Key', 'Policy', 'Role']);
    expect(StackResources?.find((r) => r.LogicalResourceId === 'Group')).toMatchObject({
      PhysicalResourceId: '/tapdeck/dev/sdk-json',
      ResourceStatus: 'CREATE_COMPLETE',
    });
  });

  it('creates a YAML stack with short-form tags and returns its template verbatim', async () => {
    const body = [
      '# a comment GetTemplate must keep',
      'Parameters:',
      '  Names: { Type: CommaDelimitedList, Default: "alpha,beta" }',
      'Conditions:',
      '  Always: !Equals [!Select [0, !Split [",", "a,b"]], a]',
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      TopicName: !Join ["-", [!Select [1, !Ref Names], !Ref "AWS::Region"]]',
      '  Machine:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      RoleArn: !Sub "arn:aws:iam::${AWS::AccountId}:role/none"',
      '      DefinitionString: !Sub',
      '        - \'{"Comment":"${T}","StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}\'',
      '        - T: !GetAtt Topic.TopicName',
      'Outputs:',
      '  Machine: { Value: !Ref Machine }',
      '  Zone: { Value: !Select [1, !GetAZs ""] }',
      '  Pick: { Value: !If [Always, yes-it-is, no] }',
      '',
    ].join('\n');
    const { StackId } = await env.cfn.send(new CreateStackCommand({ StackName: 'sdk-yaml', TemplateBody: body }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(
      ((await env.cfn.send(new DescribeStacksCommand({ StackName: 'sdk-yaml' }))).Stacks?.[0]?.Outputs ?? []).map((o) => [
        o.OutputKey,
        o.OutputValue,
      ]),
    );
    expect(outputs).toEqual({
      Machine: expect.stringMatching(/^arn:aws:states:us-east-1:000000000000:stateMachine:sdk-yaml-Machine-/),
      Zone: 'us-east-1b',
      Pick: 'yes-it-is',
    });
    const { TemplateBody } = await env.cfn.send(new GetTemplateCommand({ StackName: 'sdk-yaml', TemplateStage: 'Original' }));
    expect(TemplateBody).toBe(body);
  });

  it('pages events 100 at a time with NextToken, newest first', async () => {
    const Resources = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Marker${i}`, { Type: 'AWS::CDK::Metadata' }]));
    const { StackId } = await env.cfn.send(
      new CreateStackCommand({ StackName: 'sdk-many', TemplateBody: JSON.stringify({ Resources }) }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    const { events, pages } = await allEvents(env.cfn, 'sdk-many');
    expect(pages).toBe(2);
    expect(events).toHaveLength(40 * 3 + 2);
    expect(new Set(events.map((e) => e.EventId)).size).toBe(events.length);
    expect(eventLines(events)[0]).toBe('sdk-many CREATE_IN_PROGRESS User Initiated');
    expect(events[0]).toMatchObject({ LogicalResourceId: 'sdk-many', ResourceStatus: 'CREATE_COMPLETE' });
  });

  it('deletes in reverse dependency order; the name is then gone but ListStacks keeps it', async () => {
    const { StackId } = (await env.cfn.send(new DescribeStacksCommand({ StackName: 'sdk-json' }))).Stacks![0]!;
    await env.cfn.send(new DeleteStackCommand({ StackName: 'sdk-json', ClientRequestToken: 'tok-delete' }));
    expect(await waitForStack(env.cfn, StackId!)).toBe('DELETE_COMPLETE');
    const error = await env.cfn.send(new DescribeStacksCommand({ StackName: 'sdk-json' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', message: 'Stack with id sdk-json does not exist' });
    const { StackSummaries } = await env.cfn.send(new ListStacksCommand({}));
    expect(StackSummaries?.find((s) => s.StackId === StackId)).toMatchObject({
      StackStatus: 'DELETE_COMPLETE',
      DeletionTime: expect.any(Date),
    });
    const lines = eventLines((await allEvents(env.cfn, StackId!)).events);
    const at = (line: string) => lines.indexOf(line);
    expect(at('sdk-json DELETE_IN_PROGRESS User Initiated')).toBeGreaterThan(0);
    expect(at('Policy DELETE_COMPLETE')).toBeLessThan(at('Group DELETE_IN_PROGRESS'));
    expect(at('Group DELETE_COMPLETE')).toBeLessThan(at('Key DELETE_IN_PROGRESS'));
    expect(lines.at(-1)).toBe('sdk-json DELETE_COMPLETE');
  });
});
