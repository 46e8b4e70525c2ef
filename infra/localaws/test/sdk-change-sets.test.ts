/** Change sets through the real SDK, in the order the CDK CLI uses them. */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  UpdateStackCommand,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, eventLines, startTestEnv, stopTestEnv, waitForStack, type TestEnv } from '../src/testing';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => stopTestEnv(env));

async function waitForChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  name: string,
): Promise<DescribeChangeSetCommandOutput> {
  for (;;) {
    const cs = await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name }));
    if (cs.Status !== 'CREATE_PENDING' && cs.Status !== 'CREATE_IN_PROGRESS') return cs;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const v1 = `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      Description: first
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 7
  Old:
    Type: AWS::SNS::Topic
`;
const v2 = `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      Description: second
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 7
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/tap
      TargetKeyId: !Ref Key
`;

describe('CloudFormation change sets', () => {
  it('creates a stack through a CREATE change set, as the CDK CLI does', async () => {
    const { Id, StackId } = await env.cfn.send(
      new CreateChangeSetCommand({
        StackName: 'cs-stack',
        ChangeSetName: 'cdk-deploy-change-set',
        ChangeSetType: 'CREATE',
        TemplateBody: v1,
        ClientToken: 'ct-1',
      }),
    );
    expect(Id).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:changeSet\/cdk-deploy-change-set\//);
    expect((await env.cfn.send(new DescribeStacksCommand({ StackName: 'cs-stack' }))).Stacks?.[0]?.StackStatus).toBe(
      'REVIEW_IN_PROGRESS',
    );
    const cs = await waitForChangeSet(env.cfn, 'cs-stack', 'cdk-deploy-change-set');
    expect(cs).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', StackId });
    expect(cs.Changes?.map((c) => `${c.ResourceChange?.Action} ${c.ResourceChange?.LogicalResourceId}`).sort()).toEqual([
      'Add Group',
      'Add Key',
      'Add Old',
    ]);
    expect((await env.cfn.send(new GetTemplateCommand({ StackName: 'cs-stack', TemplateStage: 'Original' }))).TemplateBody).toBe(
      v1,
    );

    await env.cfn.send(
      new ExecuteChangeSetCommand({
        StackName: 'cs-stack',
        ChangeSetName: 'cdk-deploy-change-set',
        ClientRequestToken: 'exec-1',
      }),
    );
    expect(await waitForStack(env.cfn, StackId!)).toBe('CREATE_COMPLETE');
    const { events } = await allEvents(env.cfn, 'cs-stack');
    expect(eventLines(events)[0]).toBe('cs-stack REVIEW_IN_PROGRESS User Initiated');
    expect(
      events.filter((e) => String(e.ResourceStatus) !== 'REVIEW_IN_PROGRESS').every((e) => e.ClientRequestToken === 'exec-1'),
    ).toBe(true);
    const executed = await env.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: Id }));
    expect(executed.ExecutionStatus).toBe('EXECUTE_COMPLETE');
  });

  it('answers the CDK CLI pre-update probes: DeleteChangeSet of an absent name succeeds, DescribeChangeSet is ChangeSetNotFound 404', async () => {
    await expect(
      env.cfn.send(new DeleteChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'never-made' })),
    ).resolves.toBeDefined();
    const error = await env.cfn
      .send(new DescribeChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'never-made' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ChangeSetNotFoundException',
      message: 'ChangeSet [never-made] does not exist',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('updates through an UPDATE change set with Add, Modify and Remove', async () => {
    await env.cfn.send(
      new CreateChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'update-1', ChangeSetType: 'UPDATE', TemplateBody: v2 }),
    );
    const cs = await waitForChangeSet(env.cfn, 'cs-stack', 'update-1');
    expect(cs.Status).toBe('CREATE_COMPLETE');
    const changes = Object.fromEntries((cs.Changes ?? []).map((c) => [c.ResourceChange?.LogicalResourceId, c.ResourceChange]));
    expect(Object.keys(changes).sort()).toEqual(['Alias', 'Key', 'Old']);
    expect(changes.Key).toMatchObject({
      Action: 'Modify',
      Replacement: 'False',
      Scope: ['Properties'],
      PhysicalResourceId: expect.any(String),
    });
    expect(changes.Alias).toMatchObject({ Action: 'Add' });
    expect(changes.Old).toMatchObject({ Action: 'Remove' });
    const summaries = (await env.cfn.send(new ListChangeSetsCommand({ StackName: 'cs-stack' }))).Summaries ?? [];
    expect(summaries.map((s) => s.ChangeSetName)).toContain('update-1');

    await env.cfn.send(
      new ExecuteChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'update-1', ClientRequestToken: 'exec-2' }),
    );
    const stackId = cs.StackId!;
    expect(await waitForStack(env.cfn, stackId)).toBe('UPDATE_COMPLETE');
    const lines = eventLines((await allEvents(env.cfn, 'cs-stack')).events);
    const tail = lines.slice(lines.indexOf('cs-stack UPDATE_IN_PROGRESS User Initiated'));
    expect(tail).toEqual(
      expect.arrayContaining([
        'Key UPDATE_IN_PROGRESS',
        'Key UPDATE_COMPLETE',
        'Alias CREATE_COMPLETE',
        'cs-stack UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
        'Old DELETE_COMPLETE',
      ]),
    );
    expect(tail.indexOf('Key UPDATE_COMPLETE')).toBeLessThan(tail.indexOf('Alias CREATE_IN_PROGRESS'));
    expect(tail.indexOf('cs-stack UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')).toBeLessThan(tail.indexOf('Old DELETE_IN_PROGRESS'));
    expect(tail.at(-1)).toBe('cs-stack UPDATE_COMPLETE');
    expect(tail.some((l) => l.startsWith('Group '))).toBe(false);
  });

  it('ends a change set without changes FAILED with the AWS reason', async () => {
    await env.cfn.send(
      new CreateChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'same', ChangeSetType: 'UPDATE', TemplateBody: v2 }),
    );
    const cs = await waitForChangeSet(env.cfn, 'cs-stack', 'same');
    expect(cs).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.",
    });
    const error = await env.cfn
      .send(new ExecuteChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'same' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidChangeSetStatusException' });
    await env.cfn.send(new DeleteChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'same' }));
    const direct = await env.cfn
      .send(new UpdateStackCommand({ StackName: 'cs-stack', TemplateBody: v2 }))
      .catch((e: unknown) => e);
    expect(direct).toMatchObject({ name: 'ValidationError', message: 'No updates are to be performed.' });
  });

  it('refuses a CREATE change set for a stack that exists', async () => {
    const error = await env.cfn
      .send(
        new CreateChangeSetCommand({ StackName: 'cs-stack', ChangeSetName: 'again', ChangeSetType: 'CREATE', TemplateBody: v1 }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AlreadyExistsException', message: 'Stack [cs-stack] already exists' });
  });
});
