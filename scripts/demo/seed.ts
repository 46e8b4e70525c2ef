/**
 * Seeds the demo world through the real SDK, as an operator would against AWS: a target account
 * (111111111111) with a role the default account (000000000000) may assume, and buckets and tables there,
 * some compliant (versioning / PITR on) and some not, so the TapStack's dry-run has something to report.
 * Each step fails soft: when a service's API is not in this localaws yet, it is skipped with a log line and
 * the parameters leave it out.
 */
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';

export const DEMO_TARGET_ACCOUNT = '111111111111';
export const DEMO_HOME_ACCOUNT = '000000000000';
export const DEMO_ROLE_NAME = 'TapStackTarget';
export const DEMO_BUCKETS = [
  { name: `tapdeck-demo-assets-${DEMO_TARGET_ACCOUNT}`, versioning: true },
  { name: `tapdeck-demo-reports-${DEMO_TARGET_ACCOUNT}`, versioning: true },
  { name: `tapdeck-demo-scratch-${DEMO_TARGET_ACCOUNT}`, versioning: false },
];
export const DEMO_TABLES = [
  { name: 'tapdeck-demo-orders', pitr: true },
  { name: 'tapdeck-demo-sessions', pitr: false },
  { name: 'tapdeck-demo-audit', pitr: true },
];

/** The TapStack parameter values matching what was seeded (empty when that part could not be seeded). */
export interface DemoParameters {
  TargetAccountId: string;
  TargetRoleName: string;
  ProtectedBucketNames: string;
  ProtectedTableNames: string;
}

export interface DemoSeed {
  parameters: DemoParameters;
  /** the same values as `cdk deploy` arguments: `['--parameters', 'TargetAccountId=…', …]` */
  cdkArgs: string[];
  /** one line per step that was skipped, with why */
  skipped: string[];
}

export interface SeedOptions {
  region?: string;
  log?: (line: string) => void;
}

// A 12-digit access key id makes localaws act as that account.
const credentialsFor = (account: string) => ({ accessKeyId: account, secretAccessKey: 'demo' });

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

/** Treats "already exists" as success, so seeding twice (or after a restart with saved state) is harmless. */
async function idempotent(step: () => Promise<unknown>, alreadyThere: string[]): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!alreadyThere.includes(errorName(error))) throw error;
  }
}

const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEMO_HOME_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
};
const TARGET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'], Resource: 'arn:aws:s3:::tapdeck-demo-*' },
    {
      Effect: 'Allow',
      Action: ['dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups'],
      Resource: `arn:aws:dynamodb:*:${DEMO_TARGET_ACCOUNT}:table/tapdeck-demo-*`,
    },
  ],
};

/** Seeds the demo data into the localaws at `url` and returns the TapStack parameters to deploy with. */
export async function seedDemo(url: string, options: SeedOptions = {}): Promise<DemoSeed> {
  const log = options.log ?? ((line: string) => console.log(line));
  const config = {
    endpoint: url,
    region: options.region ?? 'us-east-1',
    credentials: credentialsFor(DEMO_TARGET_ACCOUNT),
    maxAttempts: 1,
  };
  const skipped: string[] = [];
  const skip = (what: string, error: unknown) => {
    const line = `demo seed: skipped ${what}: ${errorName(error)}: ${error instanceof Error ? error.message : ''}`.trim();
    skipped.push(line);
    log(line);
  };

  const iam = new IAMClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const dynamodb = new DynamoDBClient(config);
  try {
    let roleName = '';
    try {
      await idempotent(
        () =>
          iam.send(
            new CreateRoleCommand({
              RoleName: DEMO_ROLE_NAME,
              AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY),
              Description: 'Assumed by the TapStack workflow from the tapdeck account',
            }),
          ),
        ['EntityAlreadyExistsException', 'EntityAlreadyExists'],
      );
      roleName = DEMO_ROLE_NAME;
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: DEMO_ROLE_NAME,
          PolicyName: 'tapstack-prechecks',
          PolicyDocument: JSON.stringify(TARGET_POLICY),
        }),
      );
    } catch (error) {
      if (roleName === '') skip(`role ${DEMO_ROLE_NAME} in ${DEMO_TARGET_ACCOUNT} (IAM)`, error);
      else skip(`the inline policy of ${DEMO_ROLE_NAME} (IAM)`, error);
    }

    const buckets: string[] = [];
    for (const bucket of DEMO_BUCKETS) {
      try {
        await idempotent(() => s3.send(new CreateBucketCommand({ Bucket: bucket.name })), ['BucketAlreadyOwnedByYou']);
        if (bucket.versioning)
          await s3.send(new PutBucketVersioningCommand({ Bucket: bucket.name, VersioningConfiguration: { Status: 'Enabled' } }));
        buckets.push(bucket.name);
      } catch (error) {
        skip(`bucket ${bucket.name} (S3)`, error);
      }
    }

    const tables: string[] = [];
    for (const table of DEMO_TABLES) {
      try {
        await idempotent(
          () =>
            dynamodb.send(
              new CreateTableCommand({
                TableName: table.name,
                BillingMode: 'PAY_PER_REQUEST',
                AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
                KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
              }),
            ),
          ['ResourceInUseException'],
        );
        if (table.pitr)
          await dynamodb.send(
            new UpdateContinuousBackupsCommand({
              TableName: table.name,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            }),
          );
        tables.push(table.name);
      } catch (error) {
        skip(`table ${table.name} (DynamoDB)`, error);
      }
    }

    // Without the role the workflow runs in the home account, so naming the target account would only
    // make it fail ParametersMisaligned: leave both empty then.
    const parameters: DemoParameters = {
      TargetAccountId: roleName ? DEMO_TARGET_ACCOUNT : '',
      TargetRoleName: roleName,
      ProtectedBucketNames: roleName ? buckets.join(',') : '',
      ProtectedTableNames: roleName ? tables.join(',') : '',
    };
    log(`demo seed: role ${roleName || '(none)'}, ${buckets.length} buckets, ${tables.length} tables in ${DEMO_TARGET_ACCOUNT}`);
    return {
      parameters,
      cdkArgs: Object.entries(parameters).flatMap(([key, value]) => ['--parameters', `${key}=${value}`]),
      skipped,
    };
  } finally {
    iam.destroy();
    s3.destroy();
    dynamodb.destroy();
  }
}
