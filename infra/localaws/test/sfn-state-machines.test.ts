/** Step Functions state machines through the real SDK: CRUD, validation errors, and the seed's log-delivery failure. */
import { CreateStackCommand, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidLoggingConfiguration,
  InvalidName,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  StateMachineDoesNotExist,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_DELIVERY_ACTIONS } from '../src/services/sfn/logging-check';
import { startTestEnv, stopTestEnv, waitForStack, type TestEnv } from '../src/testing';
import { ROLE, sfnClient } from '../src/testing';

const PASS = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });

let env: TestEnv;
let sfn: SFNClient;
beforeAll(async () => {
  env = await startTestEnv();
  sfn = sfnClient(env.server.url);
});
afterAll(async () => {
  sfn?.destroy();
  await stopTestEnv(env);
});

/** A stack with a log group and two roles: one allowed the log-delivery actions, one allowed only logs:PutLogEvents. */
function rolesTemplate(): string {
  const role = (actions: string[]) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'logs',
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
        },
      ],
    },
  });
  return JSON.stringify({
    Resources: {
      Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/vendedlogs/states/sm-test' } },
      GoodRole: {
        ...role(LOG_DELIVERY_ACTIONS),
        Properties: { ...role(LOG_DELIVERY_ACTIONS).Properties, RoleName: 'good-role' },
      },
      BadRole: {
        ...role(['logs:PutLogEvents']),
        Properties: { ...role(['logs:PutLogEvents']).Properties, RoleName: 'bad-role' },
      },
    },
  });
}

const logging = (arn: string) => ({
  level: 'ALL' as const,
  includeExecutionData: true,
  destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: arn } }],
});

describe('Step Functions state machines', () => {
  it('creates, describes, lists, updates, tags and deletes', async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: 'crud', definition: PASS, roleArn: ROLE, type: 'EXPRESS' }),
    );
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:crud');
    expect(created.creationDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(described).toMatchObject({
      name: 'crud',
      status: 'ACTIVE',
      definition: PASS,
      roleArn: ROLE,
      type: 'EXPRESS',
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    });
    // A repeated identical create answers with the same machine.
    expect(
      (await sfn.send(new CreateStateMachineCommand({ name: 'crud', definition: PASS, roleArn: ROLE, type: 'EXPRESS' })))
        .stateMachineArn,
    ).toBe(created.stateMachineArn);

    for (const name of ['crud-2', 'crud-3'])
      await sfn.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE }));
    const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 2 }));
    expect(first.stateMachines?.map((m) => m.name)).toEqual(['crud', 'crud-2']);
    const second = await sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));
    expect(second.stateMachines?.map((m) => m.name)).toEqual(['crud-3']);
    expect(second.nextToken).toBeUndefined();

    const next = JSON.stringify({ StartAt: 'B', States: { B: { Type: 'Succeed' } } });
    const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: next }));
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }))).definition).toBe(next);

    await sfn.send(
      new TagResourceCommand({
        resourceArn: created.stateMachineArn,
        tags: [
          { key: 'team', value: 'tap' },
          { key: 'x', value: '1' },
        ],
      }),
    );
    await sfn.send(new UntagResourceCommand({ resourceArn: created.stateMachineArn, tagKeys: ['x'] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: created.stateMachineArn }))).tags).toEqual([
      { key: 'team', value: 'tap' },
    ]);

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    const gone = await sfn
      .send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }))
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(StateMachineDoesNotExist);
    expect((gone as Error).message).toBe(`State Machine Does Not Exist: '${created.stateMachineArn}'`);
  });

  it('refuses bad definitions, names and ARNs with the API error names', async () => {
    const bad = await sfn
      .send(
        new CreateStateMachineCommand({
          name: 'bad',
          definition: JSON.stringify({ StartAt: 'Nope', States: {} }),
          roleArn: ROLE,
        }),
      )
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidDefinition);
    expect((bad as Error).message).toMatch(/^Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: /);
    const notJson = await sfn
      .send(new CreateStateMachineCommand({ name: 'bad', definition: '{', roleArn: ROLE }))
      .catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(InvalidDefinition);
    const name = await sfn
      .send(new CreateStateMachineCommand({ name: 'has space', definition: PASS, roleArn: ROLE }))
      .catch((e: unknown) => e);
    expect(name).toBeInstanceOf(InvalidName);
    expect((name as Error).message).toBe("Invalid Name: 'has space'");
    const arn = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })).catch((e: unknown) => e);
    expect(arn).toBeInstanceOf(InvalidArn);
    expect((arn as Error).message).toBe("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
  });

  it('accepts states named like ASL fields (Branches, States), and names them as written in its errors', async () => {
    // asl-validator, which checks definitions, throws on these names; AWS accepts them.
    const definition = {
      StartAt: 'Branches',
      States: { Branches: { Type: 'Pass', Next: 'States' }, States: { Type: 'Pass', End: true } },
    };
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: 'asl-field-names', definition: JSON.stringify(definition), roleArn: ROLE }),
    );
    expect(created.stateMachineArn).toMatch(/:stateMachine:asl-field-names$/);

    const broken = { ...definition, States: { ...definition.States, States: { Type: 'Pass', Next: 'Nowhere' } } };
    const refused = await sfn
      .send(new CreateStateMachineCommand({ name: 'asl-field-names-bad', definition: JSON.stringify(broken), roleArn: ROLE }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidDefinition);
    expect((refused as Error).message).toContain('Nowhere');
    expect((refused as Error).message).not.toContain('localaws_state_');
  });

  it('checks the logging configuration: one destination, an existing group, a role allowed log delivery (seed failure 4)', async () => {
    const stack = await env.cfn.send(
      new CreateStackCommand({ StackName: 'sfn-roles', TemplateBody: rolesTemplate(), Capabilities: ['CAPABILITY_NAMED_IAM'] }),
    );
    expect(await waitForStack(env.cfn, stack.StackId ?? '')).toBe('CREATE_COMPLETE');
    const groupArn = 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/sm-test:*';
    const good = 'arn:aws:iam::000000000000:role/good-role';
    const badRole = 'arn:aws:iam::000000000000:role/bad-role';
    // The stack ran as account 000000000000 (key "test"); create in that account too.
    const sfn0 = sfnClient(env.server.url);
    sfn0.config.credentials = async () => ({ accessKeyId: 'test', secretAccessKey: 'x' });

    const two = await sfn0
      .send(
        new CreateStateMachineCommand({
          name: 'l1',
          definition: PASS,
          roleArn: good,
          loggingConfiguration: { ...logging(groupArn), destinations: [] },
        }),
      )
      .catch((e: unknown) => e);
    expect(two).toBeInstanceOf(InvalidLoggingConfiguration);
    expect((two as Error).message).toBe('Invalid Logging Configuration: Must specify exactly one Log Destination.');
    const missing = await sfn0
      .send(
        new CreateStateMachineCommand({
          name: 'l1',
          definition: PASS,
          roleArn: good,
          loggingConfiguration: logging(groupArn.replace('sm-test', 'nope')),
        }),
      )
      .catch((e: unknown) => e);
    expect((missing as Error).message).toBe('Invalid Logging Configuration: Log Destination not found.');
    const denied = await sfn0
      .send(
        new CreateStateMachineCommand({
          name: 'l1',
          definition: PASS,
          roleArn: badRole,
          loggingConfiguration: logging(groupArn),
        }),
      )
      .catch((e: unknown) => e);
    expect((denied as Error).name).toBe('AccessDeniedException');
    expect((denied as Error).message).toBe('The state machine IAM Role is not authorized to access the Log Destination');

    const ok = await sfn0.send(
      new CreateStateMachineCommand({ name: 'l1', definition: PASS, roleArn: good, loggingConfiguration: logging(groupArn) }),
    );
    const update = await sfn0
      .send(new UpdateStateMachineCommand({ stateMachineArn: ok.stateMachineArn, roleArn: badRole }))
      .catch((e: unknown) => e);
    expect((update as Error).name).toBe('AccessDeniedException');
    sfn0.destroy();
  });

  it('serves CloudFormation-created machines, and fails a stack whose role lacks log delivery (CREATE_FAILED, AccessDenied)', async () => {
    const machine = (name: string, role: string) => ({
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: name,
        RoleArn: `arn:aws:iam::000000000000:role/${role}`,
        DefinitionString: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: '${Greeting}', End: true } } }),
        DefinitionSubstitutions: { Greeting: 'hello' },
        LoggingConfiguration: {
          Level: 'ALL',
          Destinations: [
            {
              CloudWatchLogsLogGroup: {
                LogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/sm-test:*',
              },
            },
          ],
        },
      },
    });
    const good = await env.cfn.send(
      new CreateStackCommand({
        StackName: 'sfn-good',
        TemplateBody: JSON.stringify({ Resources: { M: machine('cfn-good', 'good-role') } }),
      }),
    );
    expect(await waitForStack(env.cfn, good.StackId ?? '')).toBe('CREATE_COMPLETE');
    const sfn0 = sfnClient(env.server.url);
    sfn0.config.credentials = async () => ({ accessKeyId: 'test', secretAccessKey: 'x' });
    const described = await sfn0.send(
      new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:cfn-good' }),
    );
    expect(JSON.parse(described.definition ?? '{}').States.A.Result).toBe('hello');
    expect(described.loggingConfiguration).toMatchObject({
      level: 'ALL',
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: expect.stringMatching(/:\*$/) } }],
    });
    sfn0.destroy();

    const bad = await env.cfn.send(
      new CreateStackCommand({
        StackName: 'sfn-bad',
        TemplateBody: JSON.stringify({ Resources: { M: machine('cfn-bad', 'bad-role') } }),
      }),
    );
    expect(await waitForStack(env.cfn, bad.StackId ?? '')).toBe('ROLLBACK_COMPLETE');
    const events = (await env.cfn.send(new DescribeStackEventsCommand({ StackName: 'sfn-bad' }))).StackEvents ?? [];
    const failed = events.find((e) => e.LogicalResourceId === 'M' && e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toContain('The state machine IAM Role is not authorized to access the Log Destination');
    expect(failed?.ResourceStatusReason).toContain('HandlerErrorCode: AccessDenied');
  });
});
