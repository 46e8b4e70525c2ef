import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { createStack, measureCallsRatio, measureFailover, topicsTemplate } from './cluster-figures';
import { startDashboardCluster, type DashboardCluster } from './dashboard-cluster';
import { E2E_CLUSTER_LOCALAWS_PORT, E2E_CLUSTER_PORT } from './env';
import { LocalAws } from './fixtures';
import { readyForPromotion, TapStacks, type PromotionBody } from './tapstack';
import { E2E_LOCAL_USERS, E2E_USERS } from './users';

/** A session's JSON API on one instance (the Cookie header from `cluster.signIn`, valid on every instance). */
const apiOn = (baseURL: string, cookie: string): Promise<APIRequestContext> =>
  request.newContext({ baseURL, extraHTTPHeaders: { cookie }, maxRedirects: 0 });

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
    expect(calls.perPollRatio).toBeLessThanOrEqual(1.05);
    // Every viewer left: nobody polls the stack any more, and nobody holds its topic.
    await expect.poll(() => cluster.leaderPids(), { timeout: 10_000 }).toHaveLength(0);
  });

  test('fifty approve and execute POSTs spread over the instances execute the change set once and audit it once', async () => {
    test.setTimeout(180_000);
    const live = cluster.instances; // before the failover test kills one
    const localaws = new LocalAws(cluster.localaws.url);
    const tapstacks = new TapStacks(localaws);
    const contexts: APIRequestContext[] = [];
    const api = async (url: string, sessionCookie: string) => {
      const context = await apiOn(url, sessionCookie);
      contexts.push(context);
      return context;
    };
    try {
      // Each user signs in once: a JWT session, so one cookie serves every instance (no sticky routing).
      const [operatorCookie, ...approverCookies] = await Promise.all(
        (['operator', 'approver', 'approver2', 'admin'] as const).map((login) =>
          cluster.signIn(login, E2E_USERS[login].password),
        ),
      );
      const stack = await tapstacks.deploy('cluster');
      const operator = await api(live[0]!.url, operatorCookie!);
      await readyForPromotion(tapstacks, operator, stack);
      const requested = await operator.post(`/api/stacks/${stack.name}/promotions`, { data: { comment: 'cluster race' } });
      expect(requested.status(), await requested.text()).toBe(201);
      const { id } = (await requested.json()) as PromotionBody;

      // The request made on the first instance is there on the last: one store, not one SQLite file each.
      const elsewhere = await (await api(live.at(-1)!.url, cookie)).get(`/api/promotions/${id}`);
      expect(elsewhere.status(), await elsewhere.text()).toBe(200);
      expect(await elsewhere.json()).toMatchObject({ id, status: 'awaiting-approval' });

      // approver, approver2 and admin, each with a client per instance.
      const clients = await Promise.all(approverCookies.flatMap((session) => live.map((instance) => api(instance.url, session))));
      await cluster.resetAwsCalls();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          // Instance i % n, approver ⌊i / n⌋ % 3: every approver lands on every instance.
          const client = clients[(Math.floor(i / live.length) % 3) * live.length + (i % live.length)]!;
          return client.post(`/api/promotions/${id}/${i % 2 ? 'execute' : 'approve'}`, { data: {} });
        }),
      );
      const statuses = answers.map((answer) => answer.status());
      expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);

      await tapstacks.waitForSettled(stack.name, 'UPDATE_COMPLETE', 'apply');
      expect((await cluster.awsCalls()).operations['cloudformation:ExecuteChangeSet']).toBe(1);
      // Every instance renders the same audit log: one execution recorded, and the chain verifies wherever it is read.
      for (const instance of live) {
        const viewer = await api(instance.url, cookie);
        const audit = await viewer.get(`/audit?stack=${stack.name}&action=promotion.executed`);
        expect(audit.status()).toBe(200);
        const html = await audit.text();
        expect((html.match(/data-testid="audit-row"/g) ?? []).length, instance.url).toBe(1);
        expect(html, instance.url).toMatch(/data-testid="audit-verification" data-ok="true"/);
      }
      // Settled: nothing polls AWS any more (the failover test next counts any instance's call as a takeover).
      await expect
        .poll(async () => ((await operator.get(`/api/promotions/${id}`).then((res) => res.json())) as PromotionBody).status, {
          timeout: 60_000,
        })
        .toBe('promoted');
      await expect.poll(() => cluster.leaderPids(), { timeout: 10_000 }).toHaveLength(0);
    } finally {
      await Promise.all(contexts.map((context) => context.dispose()));
      tapstacks.dispose();
      localaws.cloudformation.destroy();
    }
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
