import { expect, test } from '@playwright/test';
import { createStack, measureCallsRatio, measureFailover, topicsTemplate } from './cluster-figures';
import { startDashboardCluster, type DashboardCluster } from './dashboard-cluster';
import { E2E_CLUSTER_LOCALAWS_PORT, E2E_CLUSTER_PORT } from './env';
import { E2E_LOCAL_USERS, E2E_USERS } from './users';

/**
 * Three dashboard processes on one PostgreSQL and one localaws of their own (not the suite's shared ones): one
 * instance polls each stack for all of them, and when it dies another takes over where it stopped. Plain HTTP
 * streams, no browser: what is asserted is what the servers send.
 */
test.describe('several instances on one PostgreSQL', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let cluster: DashboardCluster;
  let cookie: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    cluster = await startDashboardCluster({
      ports: [0, 1, 2].map((i) => E2E_CLUSTER_PORT + i),
      localawsPort: E2E_CLUSTER_LOCALAWS_PORT,
      users: E2E_LOCAL_USERS,
    });
    cookie = await cluster.signIn('viewer', E2E_USERS.viewer.password);
  });

  test.afterAll(async () => {
    await cluster?.stop();
  });

  test('viewers on every instance cost AWS what one viewer on one instance costs', async () => {
    await createStack(cluster, 'ClusterCalls', topicsTemplate(3));
    const calls = await measureCallsRatio(cluster, 'ClusterCalls', [cookie], 3, 5);
    test.info().annotations.push({ type: 'calls per minute', description: JSON.stringify(calls) });
    expect(calls.one).toBeGreaterThan(60); // the idle poll is 1 s: about two CloudFormation reads a second
    expect(calls.ratio).toBeLessThanOrEqual(1.05);
    // Every viewer left: nobody polls the stack any more, and nobody holds its topic.
    await expect.poll(() => cluster.leaderPids(), { timeout: 10_000 }).toHaveLength(0);
  });

  test('kill -9 of the leading instance mid-update: another polls within 5 s, streams lose and repeat nothing', async () => {
    await createStack(cluster, 'ClusterFailover', topicsTemplate(1));
    const failover = await measureFailover(cluster, 'ClusterFailover', cookie, 25);
    test.info().annotations.push({ type: 'failover', description: JSON.stringify(failover) });
    expect(failover.takeoverMs).toBeLessThanOrEqual(5_000);
    expect(failover.survivors).toHaveLength(2);
    for (const survivor of failover.survivors) expect(survivor).toMatchObject({ duplicated: 0, missed: 0 });
  });
});
