import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTableCommand, DescribeContinuousBackupsCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { sharedTemplate } from '../infra/test/synth';
import { dashboardUrl } from './env';
import { test as base, expect, LocalAws } from './fixtures';
import { storageStateOf, type E2eLogin } from './users';

/**
 * TapStacks for the promotion tests, deployed the fast way that is still real: the repo's own synthesis, once per
 * run, then CloudFormation CreateStack through the SDK for each stack (about 5 s at localaws speed 10).
 * Every name in the template derives from the EnvironmentSuffix parameter, so one template serves every
 * suffix. `cdk deploy` per stack would add a CLI start and a synth (15–30 s on this 2-core machine) to every
 * test; the CLI path itself is what rollout.spec.ts covers.
 */

const REGION = 'us-east-1';
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
/** localaws acts as the account a 12-digit access key id names: the demo's target account. */
export const TARGET_ACCOUNT = '111111111111';

const sdk = (endpoint: string, accessKeyId = 'test') => ({
  endpoint,
  region: REGION,
  credentials: { accessKeyId, secretAccessKey: 'test' },
});

/** What the demo seed returns (scripts/demo/seed.ts), through localaws's admin API. */
interface DemoSeed {
  parameters: { TargetAccountId: string; TargetRoleName: string; ProtectedBucketNames: string; ProtectedTableNames: string };
  cdkArgs: string[];
}

export interface DeployedTapStack {
  name: string;
  suffix: string;
  stateMachineArn: string;
  alarms: { errors: string; throttles: string; executionsFailed: string; executionThrottled: string };
  /** a bucket and a table of this stack's own in the target account, without versioning / PITR */
  bucket: string;
  table: string;
}

export type PreflightItemId =
  | 'stack-settled'
  | 'mode-dry-run'
  | 'target-account'
  | 'role-aligned'
  | 'cmk-bound'
  | 'no-alarms'
  | 'recent-dry-runs'
  | 'prechecks-read';

export interface PreflightBody {
  ok: boolean;
  items: Array<{ id: PreflightItemId; label: string; ok: boolean; evidence: string }>;
}

export interface PromotionBody {
  id: string;
  stackName: string;
  status: string;
  outcome?: string;
  lastError?: string;
  changes: unknown[];
}

/** Once per worker (or per localaws): the template and the seeded demo target account. */
export class TapStacks {
  private template?: Promise<string>;
  private seed?: Promise<DemoSeed>;
  private readonly sfn: SFNClient;
  private readonly cloudwatch: CloudWatchClient;
  private readonly targetS3: S3Client;
  private readonly targetDynamodb: DynamoDBClient;

  constructor(private readonly localaws: LocalAws) {
    this.sfn = new SFNClient(sdk(localaws.url));
    this.cloudwatch = new CloudWatchClient(sdk(localaws.url));
    this.targetS3 = new S3Client({ ...sdk(localaws.url, TARGET_ACCOUNT), forcePathStyle: true });
    this.targetDynamodb = new DynamoDBClient(sdk(localaws.url, TARGET_ACCOUNT));
  }

  /** The good TapStack's template, from the run's one synthesis (e2e/global-setup.ts). */
  templateBody(): Promise<string> {
    this.template ??= Promise.resolve(JSON.stringify(sharedTemplate({ suffix: 'e2e' })));
    return this.template;
  }

  /** The demo target account (role TapStackTarget, buckets and tables), seeded once; seeding again is harmless. */
  demo(): Promise<DemoSeed> {
    this.seed ??= (async () => {
      const res = await fetch(`${this.localaws.url}/_localaws/demo/seed`, {
        method: 'POST',
        headers: { 'x-localaws-admin': '1' },
      });
      if (!res.ok) throw new Error(`demo seed: ${res.status} ${await res.text()}`);
      return (await res.json()) as DemoSeed;
    })();
    return this.seed;
  }

  /**
   * Creates `TapStack-<suffix>` aimed at the demo target account, protecting the seeded buckets and tables plus a
   * bucket and a table of its own that are not compliant (so a live run has something of this test's to fix).
   */
  async deploy(suffix: string, overrides: Record<string, string> = {}): Promise<DeployedTapStack> {
    const name = `TapStack-${suffix}`;
    const bucket = `tapdeck-demo-e2e-${suffix}`;
    const table = `tapdeck-demo-e2e-${suffix}`;
    const [template, seed] = await Promise.all([this.templateBody(), this.demo()]);
    await this.targetS3.send(new CreateBucketCommand({ Bucket: bucket }));
    await this.targetDynamodb.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const parameters: Record<string, string> = {
      EnvironmentSuffix: suffix,
      ...seed.parameters,
      ProtectedBucketNames: [seed.parameters.ProtectedBucketNames, bucket].filter(Boolean).join(','),
      ProtectedTableNames: [seed.parameters.ProtectedTableNames, table].filter(Boolean).join(','),
      ...overrides,
    };
    await this.localaws.cloudformation.send(
      new CreateStackCommand({
        StackName: name,
        TemplateBody: template,
        Capabilities: [...CAPABILITIES],
        Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      }),
    );
    await this.localaws.waitForStatus(name, (status) => status !== undefined && !status.endsWith('_IN_PROGRESS'), 90_000);
    const { status, outputs } = await this.describe(name);
    expect(status, `${name} was created`).toBe('CREATE_COMPLETE');
    return {
      name,
      suffix,
      stateMachineArn: outputs.StateMachineArn!,
      alarms: {
        errors: outputs.ErrorsAlarmName!,
        throttles: outputs.ThrottlesAlarmName!,
        executionsFailed: outputs.ExecutionsFailedAlarmName!,
        executionThrottled: outputs.ExecutionThrottledAlarmName!,
      },
      bucket,
      table,
    };
  }

  async describe(name: string): Promise<{ status: string; parameters: Record<string, string>; outputs: Record<string, string> }> {
    const stack = (await this.localaws.cloudformation.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
    return {
      status: stack.StackStatus ?? '',
      parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
      outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
    };
  }

  /** Waits until the stack settles in `status` with `Mode` as given (parameters can move before the status does). */
  async waitForSettled(name: string, status: string, mode: string, timeoutMs = 90_000): Promise<void> {
    await expect
      .poll(
        async () => {
          const stack = await this.describe(name);
          return `${stack.status} Mode=${stack.parameters.Mode}`;
        },
        { timeout: timeoutMs, intervals: [250] },
      )
      .toBe(`${status} Mode=${mode}`);
  }

  /** Starts an execution through the SDK and waits for it to end: its status and output. */
  async execute(stateMachineArn: string, input: string): Promise<{ status: string; output: string }> {
    const name = `e2e-${Date.now().toString(36)}`;
    const { executionArn } = await this.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }));
    let result = { status: 'RUNNING', output: '' };
    await expect
      .poll(
        async () => {
          const out = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
          result = { status: out.status ?? '', output: out.output ?? out.cause ?? '' };
          return result.status;
        },
        { timeout: 30_000 },
      )
      .not.toBe('RUNNING');
    return result;
  }

  /**
   * Starts `count` dry runs through the dashboard (POST …/dry-runs as the API's user), one after the other, each
   * waited for: tapdeck names a dry run by user and second, and Step Functions answers a second start with the same
   * name and input while the first still runs with that same execution (see the report on stack-actions.ts).
   */
  async startDryRuns(api: APIRequestContext, stackName: string, count: number): Promise<string[]> {
    const arns: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await api.post(`/api/stacks/${stackName}/dry-runs`, { data: {} });
      expect(res.status(), await res.text()).toBe(201);
      const { executionArn } = (await res.json()) as { executionArn: string };
      expect(arns, 'each dry run is an execution of its own').not.toContain(executionArn);
      arns.push(executionArn);
      await expect
        .poll(async () => (await this.sfn.send(new DescribeExecutionCommand({ executionArn }))).status, { timeout: 30_000 })
        .not.toBe('RUNNING');
    }
    return arns;
  }

  async setAlarmState(alarmName: string, state: 'OK' | 'ALARM', reason: string): Promise<void> {
    await this.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: state, StateReason: reason }));
  }

  /**
   * Keeps an alarm in ALARM until released (SetAlarmState every 250 ms: CloudWatch holds a set state only until
   * the alarm's next evaluation), then sets it back to OK.
   */
  holdAlarm(alarmName: string, reason: string): { release(): Promise<void> } {
    let held = true;
    const loop = (async () => {
      while (held) {
        await this.setAlarmState(alarmName, 'ALARM', reason).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    return {
      release: async () => {
        held = false;
        await loop;
        await this.setAlarmState(alarmName, 'OK', 'e2e: released');
      },
    };
  }

  /** As the target account: whether the bucket has versioning on. */
  async bucketVersioning(bucket: string): Promise<string | undefined> {
    return (await this.targetS3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
  }

  /** As the target account: the table's point-in-time recovery status. */
  async tablePitr(table: string): Promise<string | undefined> {
    const out = await this.targetDynamodb.send(new DescribeContinuousBackupsCommand({ TableName: table }));
    return out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
  }

  /** Adds a localaws fault rule (infra/localaws/src/faults.ts); returns its id for `clearFault`. */
  async addFault(rule: {
    service: string;
    operation?: string;
    account?: string;
    throttleRate?: number;
    errorRate?: number;
    count?: number;
  }): Promise<string> {
    const res = await fetch(`${this.localaws.url}/_localaws/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
      body: JSON.stringify(rule),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { added: Array<{ id: string }> };
    return body.added[0]!.id;
  }

  async clearFault(id: string): Promise<void> {
    await fetch(`${this.localaws.url}/_localaws/faults?id=${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { 'x-localaws-admin': '1' },
    });
  }

  dispose(): void {
    for (const client of [this.sfn, this.cloudwatch, this.targetS3, this.targetDynamodb]) client.destroy();
  }
}

/** The dashboard's JSON API as one of the local users (their saved session cookie). */
export async function apiContext(
  login: E2eLogin | 'anonymous',
  extraHTTPHeaders?: Record<string, string>,
): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL: dashboardUrl,
    storageState: login === 'anonymous' ? { cookies: [], origins: [] } : storageStateOf(login),
    maxRedirects: 0,
    ...(extraHTTPHeaders ? { extraHTTPHeaders } : {}),
  });
}

/** Polls GET …/preflight until `accept` holds; the last preflight read. A timeout names the items failing then. */
export async function waitForPreflight(
  api: APIRequestContext,
  stackName: string,
  accept: (preflight: PreflightBody) => boolean,
  timeoutMs = 30_000,
): Promise<PreflightBody> {
  let last: PreflightBody | undefined;
  await expect
    .poll(
      async () => {
        const res = await api.get(`/api/stacks/${stackName}/preflight`);
        if (!res.ok()) return `GET preflight: ${res.status()} ${await res.text()}`;
        last = (await res.json()) as PreflightBody;
        if (accept(last)) return 'accepted';
        return last.items.filter((item) => !item.ok).map((item) => `${item.id}: ${item.evidence}`);
      },
      { timeout: timeoutMs, intervals: [500, 1_000] },
    )
    .toBe('accepted');
  return last!;
}

/** Readies a stack for promotion through the API: two dry runs (TAPDECK_PREFLIGHT_DRY_RUNS=2), preflight green. */
export async function readyForPromotion(tapstacks: TapStacks, api: APIRequestContext, stack: DeployedTapStack): Promise<void> {
  await tapstacks.startDryRuns(api, stack.name, 2);
  await waitForPreflight(api, stack.name, (preflight) => preflight.ok);
}

export const itemOf = (preflight: PreflightBody, id: PreflightItemId) => preflight.items.find((item) => item.id === id)!;

/**
 * `test` with the promotion fixtures: `tapstacks` (worker: one synth, one seed), `deployTapStack` (a TapStack of the
 * test's own, deleted after it) and `apiAs` (the dashboard's JSON API as a local user, disposed after the test).
 */
export const test = base.extend<
  {
    deployTapStack: (overrides?: Record<string, string>) => Promise<DeployedTapStack>;
    apiAs: (login: E2eLogin) => Promise<APIRequestContext>;
  },
  { tapstacks: TapStacks }
>({
  tapstacks: [
    async ({}, provide) => {
      const localaws = new LocalAws();
      const tapstacks = new TapStacks(localaws);
      await provide(tapstacks);
      tapstacks.dispose();
      localaws.cloudformation.destroy();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  deployTapStack: async ({ tapstacks, localaws }, provide, testInfo) => {
    const created: string[] = [];
    await provide(async (overrides) => {
      // Lowercase, short (EnvironmentSuffix allows 16 characters) and unique per test and retry.
      const suffix = `p${testInfo.testId.slice(0, 4).toLowerCase()}${Date.now().toString(36).slice(-6)}`.replace(
        /[^a-z0-9]/g,
        '',
      );
      created.push(`TapStack-${suffix}`);
      return tapstacks.deploy(suffix, overrides);
    });
    for (const name of created) await localaws.deleteStack(name);
  },
  apiAs: async ({}, provide) => {
    const contexts: APIRequestContext[] = [];
    await provide(async (login) => {
      const context = await apiContext(login);
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.dispose();
  },
});

export { expect };
