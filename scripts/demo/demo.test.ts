/** The demo: seeding through the real SDK (what exists of S3/DynamoDB/IAM), and a driver that fails soft and stops. */
import { DescribeContinuousBackupsCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, startDemoDriver } from './index';
import { DEMO_BUCKETS, DEMO_TABLES, DEMO_TARGET_ACCOUNT } from './seed';
import { startLocalaws, type Localaws } from 'localaws';

let server: Localaws;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined, seedDemo: (url) => seedDemo(url) });
});
afterAll(() => server.close());

describe('demo seeding', () => {
  it('creates the target account’s role, buckets and tables, and returns matching parameters; seeding twice is harmless', async () => {
    const lines: string[] = [];
    const seed = await seedDemo(server.url, { log: (line) => lines.push(line) });
    const again = await seedDemo(server.url, { log: () => undefined });
    expect(again.parameters).toEqual(seed.parameters);

    const { parameters, skipped } = seed;
    // Every bucket and table is either seeded (and named) or skipped with a line saying why.
    const named = [...parameters.ProtectedBucketNames.split(','), ...parameters.ProtectedTableNames.split(',')];
    for (const name of [...DEMO_BUCKETS, ...DEMO_TABLES].map((r) => r.name)) {
      expect(named.includes(name) || skipped.some((line) => line.includes(name)) || parameters.TargetRoleName === '').toBe(true);
    }
    if (parameters.TargetRoleName) {
      expect(parameters).toMatchObject({ TargetAccountId: DEMO_TARGET_ACCOUNT, TargetRoleName: 'TapStackTarget' });
      expect(seed.cdkArgs).toContain(`TargetAccountId=${DEMO_TARGET_ACCOUNT}`);
    }
    expect(lines.at(-1)).toMatch(/^demo seed: /);

    // DynamoDB has landed: PITR on exactly the tables meant to have it.
    const dynamodb = new DynamoDBClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: DEMO_TARGET_ACCOUNT, secretAccessKey: 'x' },
    });
    for (const table of DEMO_TABLES) {
      const { ContinuousBackupsDescription } = await dynamodb.send(
        new DescribeContinuousBackupsCommand({ TableName: table.name }),
      );
      expect(ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe(
        table.pitr ? 'ENABLED' : 'DISABLED',
      );
    }
    dynamodb.destroy();

    const state = (await (await fetch(`${server.url}/_localaws/state`, { headers: { 'x-localaws-admin': '1' } })).json()) as {
      accounts: Record<string, Record<string, Record<string, number>>>;
    };
    expect(Object.keys(state.accounts)).toContain(DEMO_TARGET_ACCOUNT);
  });

  it('POST /_localaws/demo/seed seeds the same way', async () => {
    const response = await fetch(`${server.url}/_localaws/demo/seed`, { method: 'POST', headers: { 'x-localaws-admin': '1' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('parameters.TargetAccountId');
  });
});

describe('demo driver', () => {
  it('waits (logging once) while the stack is not deployed, and stops cleanly', async () => {
    const lines: string[] = [];
    const driver = startDemoDriver(server.url, {
      stackName: 'TapStack-missing',
      intervalMs: 20,
      log: (line) => lines.push(line),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await driver.stop();
    expect(driver.started).toBe(0);
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(
      /^demo driver: (TapStack-missing has no StateMachineArn output yet|tick failed: ValidationError: Stack with id TapStack-missing does not exist)/,
    );
  });
});
