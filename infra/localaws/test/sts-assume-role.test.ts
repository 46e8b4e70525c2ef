/** STS AssumeRole across accounts through the real SDK clients: IAM role in one account, session keys act in it. */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

const TARGET = '111111111111';
const CALLER = '222222222222';
let server: Localaws;

const config = (accessKeyId: string, extra: { secretAccessKey?: string; sessionToken?: string } = {}) => ({
  endpoint: server.url,
  region: 'us-east-1',
  credentials: { accessKeyId, secretAccessKey: extra.secretAccessKey ?? 'x', sessionToken: extra.sessionToken },
});
const trust = (principal: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  });

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  const iam = new IAMClient(config(TARGET));
  await iam.send(new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: trust(`arn:aws:iam::${CALLER}:root`) }));
  await iam.send(new CreateRoleCommand({ RoleName: 'private', AssumeRolePolicyDocument: trust('333333333333') }));
  await iam.send(new CreateRoleCommand({ RoleName: 'long', AssumeRolePolicyDocument: trust(CALLER), MaxSessionDuration: 7200 }));
});
afterAll(() => server.close());

const denied = (role: string) =>
  `User: arn:aws:iam::${CALLER}:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${TARGET}:role/${role}`;

describe('STS AssumeRole', () => {
  it('returns temporary credentials that act in the role account', async () => {
    const sts = new STSClient(config(CALLER));
    const before = Date.now();
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/deployer`, RoleSessionName: 'ci-run' }),
    );
    const creds = out.Credentials!;
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.SecretAccessKey).toBeTruthy();
    expect(creds.SessionToken).toBeTruthy();
    expect(Math.abs(creds.Expiration!.getTime() - (before + 3600_000))).toBeLessThan(5_000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/deployer/ci-run`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]+:ci-run$/);

    const assumed = config(creds.AccessKeyId!, { secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken });
    const who = await new STSClient(assumed).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({
      Account: TARGET,
      Arn: `arn:aws:sts::${TARGET}:assumed-role/deployer/ci-run`,
      UserId: out.AssumedRoleUser?.AssumedRoleId,
    });

    await new DynamoDBClient(assumed).send(
      new CreateTableCommand({
        TableName: 'made-by-role',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    const inTarget = await new DynamoDBClient(config(TARGET)).send(new ListTablesCommand({}));
    const inCaller = await new DynamoDBClient(config(CALLER)).send(new ListTablesCommand({}));
    expect(inTarget.TableNames).toContain('made-by-role');
    expect(inCaller.TableNames).not.toContain('made-by-role');
  });

  it('refuses a role that does not trust the caller, and a missing role, with the same AccessDenied', async () => {
    const sts = new STSClient(config(CALLER));
    for (const role of ['private', 'no-such-role']) {
      const error = await sts
        .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/${role}`, RoleSessionName: 's1' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(STSServiceException);
      expect((error as STSServiceException).name).toBe('AccessDenied');
      expect((error as STSServiceException).$metadata.httpStatusCode).toBe(403);
      expect((error as Error).message).toBe(denied(role));
    }
  });

  it('honours DurationSeconds within the role maximum and validates it', async () => {
    const sts = new STSClient(config(CALLER));
    const ok = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/long`, RoleSessionName: 's2', DurationSeconds: 7200 }),
    );
    expect(ok.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(7100_000);
    const tooLong = await sts
      .send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/deployer`, RoleSessionName: 's3', DurationSeconds: 7200 }),
      )
      .catch((e: Error) => e);
    expect(tooLong).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    const tooShort = await sts
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/long`, RoleSessionName: 's4', DurationSeconds: 60 }))
      .catch((e: Error) => e);
    expect((tooShort as Error).message).toContain("Value '60' at 'durationSeconds'");
  });

  it('chains: an assumed role trusted by another role can assume it', async () => {
    const iam = new IAMClient(config(CALLER));
    await iam.send(
      new CreateRoleCommand({ RoleName: 'hop', AssumeRolePolicyDocument: trust(`arn:aws:iam::${TARGET}:role/deployer`) }),
    );
    const first = await new STSClient(config(CALLER)).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/deployer`, RoleSessionName: 'first' }),
    );
    const c = first.Credentials!;
    const second = await new STSClient(
      config(c.AccessKeyId!, { secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }),
    ).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${CALLER}:role/hop`, RoleSessionName: 'second' }));
    expect(second.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${CALLER}:assumed-role/hop/second`);
  });

  it('GetSessionToken keys act as the same root user', async () => {
    const out = await new STSClient(config(CALLER)).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const c = out.Credentials!;
    const who = await new STSClient(
      config(c.AccessKeyId!, { secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }),
    ).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: CALLER, Arn: `arn:aws:iam::${CALLER}:root` });
  });
});

describe('assumed-role credentials with S3', () => {
  it('creates a bucket in the role account, visible only there', async () => {
    const { S3Client, CreateBucketCommand, ListBucketsCommand, PutBucketVersioningCommand, GetBucketVersioningCommand } =
      await import('@aws-sdk/client-s3');
    const out = await new STSClient(config(CALLER)).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/deployer`, RoleSessionName: 'sfn-task' }),
    );
    const c = out.Credentials!;
    const s3 = (accessKeyId: string, extra = {}) => new S3Client({ ...config(accessKeyId, extra), forcePathStyle: true });
    const assumed = s3(c.AccessKeyId!, { secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
    await assumed.send(new CreateBucketCommand({ Bucket: 'target-artifacts' }));
    await assumed.send(
      new PutBucketVersioningCommand({ Bucket: 'target-artifacts', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    expect((await s3(TARGET).send(new GetBucketVersioningCommand({ Bucket: 'target-artifacts' }))).Status).toBe('Enabled');
    expect((await s3(TARGET).send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain('target-artifacts');
    expect((await s3(CALLER).send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name) ?? []).not.toContain(
      'target-artifacts',
    );
  });
});
