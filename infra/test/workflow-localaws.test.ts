/**
 * The TapStack's real pre-check workflow (`buildWorkflowDefinition`) run by localaws: the alignment check (STS),
 * and the dry-run plan over buckets (S3 versioning) and tables (DynamoDB PITR).
 */
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorkflowDefinition, MISALIGNED_ERROR, type WorkflowSubstitution } from '../lib/tap-workflow-definition';
import { startLocalaws } from 'localaws';
import { ACCOUNT, historyOf, ROLE, sfnClient, waitForExecution } from 'localaws/testing';

const server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
const sfn = sfnClient(server.url);
const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' } };

afterAll(async () => {
  sfn.destroy();
  await server.close();
});

/** The definition as the stack deploys it: serialized, then DefinitionSubstitutions applied. */
async function deploy(name: string, values: Record<WorkflowSubstitution, string>): Promise<string> {
  let text = JSON.stringify(buildWorkflowDefinition({ withTargetRole: values.TargetRoleArn !== '' }));
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`\${${key}}`, value);
  return (await sfn.send(new CreateStateMachineCommand({ name, definition: text, roleArn: ROLE }))).stateMachineArn ?? '';
}

async function execute(stateMachineArn: string, input: object) {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return { executionArn: executionArn ?? '', result: await waitForExecution(sfn, executionArn ?? '', 30_000) };
}

const base = { Mode: 'dry-run', TargetAccountId: ACCOUNT, TargetRoleArn: '', ProtectedBucketNames: '', ProtectedTableNames: '' };

describe('TapStack workflow on localaws', () => {
  it('fails with ParametersMisaligned when run in another account than TargetAccountId', async () => {
    const arn = await deploy('tap-misaligned', { ...base, TargetAccountId: '999999999999' });
    const { result } = await execute(arn, {});
    expect(result).toMatchObject({
      status: 'FAILED',
      error: MISALIGNED_ERROR,
      cause: `Running as account ${ACCOUNT} but TargetAccountId is 999999999999: check TargetAccountId and TargetRoleName`,
    });
  });

  it('plans nothing when no buckets or tables are protected', async () => {
    const arn = await deploy('tap-empty', base);
    const { executionArn, result } = await execute(arn, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '')).toEqual({ account: ACCOUNT, mode: 'dry-run', dryRun: true, buckets: [], tables: [] });
    const types = (await historyOf(sfn, executionArn)).map((e) => e.type);
    expect(types).toContain('ParallelStateStarted');
    expect(types).toContain('TaskSucceeded');
  });

  it('dry-run reports tables by PITR state through the DynamoDB API', async () => {
    const dynamodb = new DynamoDBClient(config);
    try {
      const keys = {
        BillingMode: 'PAY_PER_REQUEST' as const,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }],
      };
      for (const table of ['only-pitr', 'only-nopitr'])
        await dynamodb.send(new CreateTableCommand({ TableName: table, ...keys }));
      await dynamodb.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'only-pitr',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      const arn = await deploy('tap-tables', { ...base, ProtectedTableNames: 'only-pitr,only-nopitr,only-missing' });
      const { result } = await execute(arn, {});
      // A missing table fails its read (DynamoDb.TableNotFoundException), caught by the workflow's Catch.
      expect(result).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^DynamoDb\.\w+Exception$/) });
      const ok = await execute(await deploy('tap-tables-ok', { ...base, ProtectedTableNames: 'only-pitr,only-nopitr' }), {});
      expect(JSON.parse(ok.result.output ?? '').tables).toEqual([
        { name: 'only-pitr', state: 'ENABLED', compliant: true, action: 'none' },
        { name: 'only-nopitr', state: 'DISABLED', compliant: false, action: 'would-enable-pitr' },
      ]);
    } finally {
      dynamodb.destroy();
    }
  });

  // Waits for the S3 (GetBucketVersioning/PutBucketVersioning) and DynamoDB (DescribeContinuousBackups) APIs.
  it('dry-run reports each bucket and table with its state and the action it would take', async () => {
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const dynamodb = new DynamoDBClient(config);
    try {
      for (const bucket of ['tap-versioned', 'tap-plain']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'tap-versioned', VersioningConfiguration: { Status: 'Enabled' } }));
      for (const table of ['tap-pitr', 'tap-nopitr']) {
        await dynamodb.send(
          new CreateTableCommand({
            TableName: table,
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          }),
        );
      }
      await dynamodb.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'tap-pitr',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );

      const arn = await deploy('tap-plan', {
        ...base,
        ProtectedBucketNames: 'tap-versioned,tap-plain',
        ProtectedTableNames: 'tap-pitr,tap-nopitr',
      });
      const { result } = await execute(arn, {});
      expect(result.status).toBe('SUCCEEDED');
      expect(JSON.parse(result.output ?? '')).toEqual({
        account: ACCOUNT,
        mode: 'dry-run',
        dryRun: true,
        buckets: [
          { name: 'tap-versioned', state: 'Enabled', compliant: true, action: 'none' },
          { name: 'tap-plain', state: 'Disabled', compliant: false, action: 'would-enable-versioning' },
        ],
        tables: [
          { name: 'tap-pitr', state: 'ENABLED', compliant: true, action: 'none' },
          { name: 'tap-nopitr', state: 'DISABLED', compliant: false, action: 'would-enable-pitr' },
        ],
      });
    } finally {
      s3.destroy();
      dynamodb.destroy();
    }
  });
});
