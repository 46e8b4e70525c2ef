/**
 * The stack sections' reads against a real localaws (in-process, through AWS_ENDPOINT_URL as config.ts reads it
 * on first use): the history grouped into operations, the resources, and change sets with their changes.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { startLocalaws, type Localaws } from 'localaws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupOperations } from '@/lib/rollout/operations';
import { readChangeSets, readStackHistory, readStackResources } from './stack';

const NAME = 'Sections';
let server: Localaws;
let cfn: CloudFormationClient;

const template = (topics: Record<string, string>) =>
  JSON.stringify({
    Resources: Object.fromEntries(
      Object.entries(topics).map(([id, displayName]) => [
        id,
        { Type: 'AWS::SNS::Topic', Properties: { DisplayName: displayName } },
      ]),
    ),
  });

async function settled(): Promise<string> {
  for (;;) {
    const status = (await cfn.send(new DescribeStacksCommand({ StackName: NAME }))).Stacks?.[0]?.StackStatus ?? '';
    if (!status.endsWith('_IN_PROGRESS')) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  cfn = new CloudFormationClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await cfn.send(new CreateStackCommand({ StackName: NAME, TemplateBody: template({ Alerts: 'alerts', Audit: 'audit' }) }));
  expect(await settled()).toBe('CREATE_COMPLETE');
  await cfn.send(new UpdateStackCommand({ StackName: NAME, TemplateBody: template({ Alerts: 'alerts', Pages: 'pages' }) }));
  expect(await settled()).toBe('UPDATE_COMPLETE');
}, 60_000);

afterAll(async () => {
  cfn?.destroy();
  await server?.close();
});

describe('stack section reads on localaws', () => {
  it('reads the history and groups it into the create and the update', async () => {
    const { stack, events } = await readStackHistory(NAME);
    expect(stack?.status).toBe('UPDATE_COMPLETE');
    const operations = groupOperations(events);
    expect(operations.map((o) => [o.kind, o.outcome, o.resourceCount])).toEqual([
      ['Update', 'succeeded', 2], // Pages added, Audit removed
      ['Create', 'succeeded', 2],
    ]);
  });

  it('lists the resources', async () => {
    const { resources } = await readStackResources(NAME);
    expect(resources.map((r) => [r.logicalId, r.type, r.status]).sort()).toEqual([
      ['Alerts', 'AWS::SNS::Topic', 'CREATE_COMPLETE'],
      ['Pages', 'AWS::SNS::Topic', 'CREATE_COMPLETE'],
    ]);
  });

  it('reads change sets with each change', async () => {
    expect((await readChangeSets(NAME)).changeSets).toEqual([]);
    await cfn.send(
      new CreateChangeSetCommand({
        StackName: NAME,
        ChangeSetName: 'review',
        TemplateBody: template({ Alerts: 'renamed', Extra: 'extra' }),
      }),
    );
    for (;;) {
      const status = (await cfn.send(new DescribeChangeSetCommand({ StackName: NAME, ChangeSetName: 'review' }))).Status;
      if (status !== 'CREATE_PENDING' && status !== 'CREATE_IN_PROGRESS') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { changeSets } = await readChangeSets(NAME);
    expect(changeSets).toHaveLength(1);
    expect(changeSets[0]).toMatchObject({ name: 'review', status: 'CREATE_COMPLETE', executionStatus: 'AVAILABLE' });
    const changes = Object.fromEntries((changeSets[0]!.changes ?? []).map((c) => [c.logicalId, c]));
    expect(changes.Extra).toMatchObject({ action: 'Add', resourceType: 'AWS::SNS::Topic' });
    expect(changes.Pages).toMatchObject({ action: 'Remove' });
    expect(changes.Alerts).toMatchObject({ action: 'Modify', scope: ['Properties'] });
    expect(changes.Alerts!.details.map((d) => d.target)).toContain('DisplayName');
  });

  it('says a missing stack is missing rather than failing', async () => {
    expect(await readChangeSets('NoSuchStack')).toEqual({ stack: null, changeSets: [] });
    expect(await readStackHistory('NoSuchStack')).toEqual({ stack: null, events: [] });
  });
});
