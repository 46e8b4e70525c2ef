/** What AWS refuses, and how failed creates and updates roll back, through the real SDK. */
import { CreateStackCommand, DescribeStacksCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, eventLines, startTestEnv, stopTestEnv, waitForStack, type TestEnv } from '../src/testing';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => stopTestEnv(env));

async function createAndWait(
  name: string,
  template: object,
  extra: { Capabilities?: ['CAPABILITY_IAM'] } = {},
): Promise<{ status: string; lines: string[]; reasons: Record<string, string> }> {
  const { StackId } = await env.cfn.send(
    new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), ...extra }),
  );
  const status = await waitForStack(env.cfn, StackId!);
  const { events } = await allEvents(env.cfn, name);
  const reasons = Object.fromEntries(
    events.filter((e) => e.ResourceStatus?.endsWith('FAILED')).map((e) => [e.LogicalResourceId, e.ResourceStatusReason ?? '']),
  );
  return { status, lines: eventLines(events), reasons };
}

function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
}

describe('refused before any stack exists', () => {
  it('an unrecognized resource type', async () => {
    const error = await refusal(
      env.cfn.send(
        new CreateStackCommand({
          StackName: 'bad-type',
          TemplateBody: JSON.stringify({ Resources: { A: { Type: 'Foo' }, B: { Type: 'AWS::SNS::Topic' } } }),
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Template format error: Unrecognized resource types: [Foo]',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(env.cfn.send(new DescribeStacksCommand({ StackName: 'bad-type' }))).rejects.toMatchObject({
      message: 'Stack with id bad-type does not exist',
    });
  });

  it('parameter constraint violations', async () => {
    const template = (def: object) =>
      JSON.stringify({ Parameters: { Env: { Type: 'String', ...def } }, Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    const send = (def: object, value: string) =>
      refusal(
        env.cfn.send(
          new CreateStackCommand({
            StackName: 'params',
            TemplateBody: template(def),
            Parameters: [{ ParameterKey: 'Env', ParameterValue: value }],
          }),
        ),
      );
    expect(await send({ AllowedValues: ['dev', 'prod'] }, 'qa')).toMatchObject({
      name: 'ValidationError',
      message: "Parameter 'Env' must be one of AllowedValues",
    });
    expect(await send({ AllowedPattern: '[a-z]+', ConstraintDescription: 'lower-case letters only' }, 'Dev1')).toMatchObject({
      message: 'Parameter Env failed to satisfy constraint: lower-case letters only',
    });
    expect(await send({ MaxLength: 3 }, 'prod')).toMatchObject({ message: "Parameter 'Env' must contain at most 3 characters" });
    const missing = await refusal(env.cfn.send(new CreateStackCommand({ StackName: 'params', TemplateBody: template({}) })));
    expect(missing).toMatchObject({ message: 'Parameters: [Env] must have values' });
  });

  it('a DependsOn naming a resource whose condition is false', async () => {
    const body = {
      Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
      Resources: { Key: { Type: 'AWS::KMS::Key', Condition: 'Never' }, Group: { Type: 'AWS::Logs::LogGroup', DependsOn: 'Key' } },
    };
    const error = await refusal(
      env.cfn.send(new CreateStackCommand({ StackName: 'dangling', TemplateBody: JSON.stringify(body) })),
    );
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Template format error: Unresolved resource dependencies [Key] in the Resources block of the template',
    });
  });

  it('IAM resources without CAPABILITY_IAM', async () => {
    const body = { Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } } };
    const error = await refusal(env.cfn.send(new CreateStackCommand({ StackName: 'caps', TemplateBody: JSON.stringify(body) })));
    expect(error).toMatchObject({
      name: 'InsufficientCapabilitiesException',
      message: 'Requires capabilities : [CAPABILITY_IAM]',
    });
  });
});

describe('resources that fail and roll back', () => {
  it('a real-looking type localaws cannot provision fails, cancels siblings, and rolls back', async () => {
    const { status, lines, reasons } = await createAndWait('unknown-type', {
      Resources: { Topic: { Type: 'AWS::SNS::Topic' }, Key: { Type: 'AWS::KMS::Key' }, Thing: { Type: 'AWS::EC2::VPC' } },
    });
    expect(status).toBe('ROLLBACK_COMPLETE');
    expect(reasons.Thing).toBe(
      'Resource handler returned message: "localaws does not provision AWS::EC2::VPC yet" (HandlerErrorCode: InvalidRequest)',
    );
    expect(reasons.Key).toBe('Resource creation cancelled');
    expect(lines).toContain(
      'unknown-type ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Thing, Topic, Key]. Rollback requested by user.',
    );
    const rollback = lines.slice(lines.findIndex((l) => l.includes('ROLLBACK_IN_PROGRESS')));
    expect(rollback).toEqual(expect.arrayContaining(['Key DELETE_IN_PROGRESS', 'Key DELETE_COMPLETE', 'Topic DELETE_COMPLETE']));
    expect(rollback.at(-1)).toBe('unknown-type ROLLBACK_COMPLETE');
  });

  it('a KMS key tagged with a JSON value fails with TagException', async () => {
    const { status, reasons } = await createAndWait('kms-tags', {
      Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { Tags: [{ Key: 'Config', Value: '{"mode":"dry-run"}' }] } } },
    });
    expect(status).toBe('ROLLBACK_COMPLETE');
    expect(reasons.Key).toMatch(
      /^Resource handler returned message: ".*TagException.* \(Service: Kms, Status Code: 400, Request ID: [0-9a-f-]{36}\)" \(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: InvalidRequest\)$/,
    );
  });

  it('an alarm tag value outside the allowed pattern fails naming the constraint', async () => {
    const { status, reasons } = await createAndWait('alarm-tags', {
      Resources: {
        Alarm: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            MetricName: 'E',
            Namespace: 'N',
            Threshold: 1,
            EvaluationPeriods: 1,
            ComparisonOperator: 'GreaterThanThreshold',
            Tags: [{ Key: 'Cfg', Value: '{"a":1}' }],
          },
        },
      },
    });
    expect(status).toBe('ROLLBACK_COMPLETE');
    expect(reasons.Alarm).toContain(
      'failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
    );
  });

  it('a log group on a CMK whose policy does not let Logs use it is refused', async () => {
    const { status, reasons } = await createAndWait('cmk-logs', {
      Resources: {
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: {
              Statement: [
                { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' },
              ],
            },
          },
        },
        Group: {
          Type: 'AWS::Logs::LogGroup',
          Properties: { LogGroupName: 'tap-logs', KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
        },
      },
    });
    expect(status).toBe('ROLLBACK_COMPLETE');
    expect(reasons.Group).toContain(
      "The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:000000000000:log-group:tap-logs'",
    );
    expect(reasons.Group).toContain('HandlerErrorCode: GeneralServiceException');
  });

  it('a state machine logging through a role without log-delivery permissions is refused', async () => {
    const { status, reasons } = await createAndWait(
      'sfn-logs',
      {
        Resources: {
          Group: { Type: 'AWS::Logs::LogGroup' },
          Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
          Machine: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
              DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
              LoggingConfiguration: {
                Level: 'ALL',
                Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': ['Group', 'Arn'] } } }],
              },
            },
          },
        },
      },
      { Capabilities: ['CAPABILITY_IAM'] },
    );
    expect(status).toBe('ROLLBACK_COMPLETE');
    expect(reasons.Machine).toContain('The state machine IAM Role is not authorized to access the Log Destination');
    expect(reasons.Machine).toContain('HandlerErrorCode: AccessDenied');
  });

  it('a failed update rolls back to UPDATE_ROLLBACK_COMPLETE and keeps the old template', async () => {
    const good = { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { Description: 'v1' } } } };
    const { status } = await createAndWait('update-fails', good);
    expect(status).toBe('CREATE_COMPLETE');
    const bad = {
      Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { Description: 'v2', Tags: [{ Key: 'k', Value: '{"x":1}' }] } } },
    };
    const { StackId } = await env.cfn.send(
      new UpdateStackCommand({ StackName: 'update-fails', TemplateBody: JSON.stringify(bad) }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const lines = eventLines((await allEvents(env.cfn, 'update-fails')).events);
    expect(lines.some((l) => l.startsWith('Key UPDATE_FAILED Resource handler returned message'))).toBe(true);
    expect(lines).toContain('update-fails UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to update: [Key]. ');
    expect(lines.slice(-2)).toEqual([
      'update-fails UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'update-fails UPDATE_ROLLBACK_COMPLETE',
    ]);
    // Rolled back, so the old template is current and can be updated again.
    const again = await env.cfn
      .send(new UpdateStackCommand({ StackName: 'update-fails', TemplateBody: JSON.stringify(good) }))
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ message: 'No updates are to be performed.' });
  });
});
