/**
 * `npm run bench -- --only cluster`: three dashboard instances on one PostgreSQL and one localaws (the harness of
 * e2e/cluster.spec.ts). Prints AWS calls per minute with 200 viewers on each instance against one viewer on one
 * (target ≤ 1.05), and a kill -9 of the leading instance during a stack update: the time until another instance
 * polls (target ≤ 5 s) and the events the surviving instances' streams missed or repeated (target 0).
 */
import { createStack, measureCallsRatio, measureFailover, topicsTemplate } from '../e2e/cluster-figures';
import { startDashboardCluster } from '../e2e/dashboard-cluster';
import { E2E_CLUSTER_LOCALAWS_PORT, E2E_CLUSTER_PORT } from '../e2e/env';
import { buildDashboard } from './dashboard/server';

const VIEWERS_PER_INSTANCE = 200;
const USERS = ['cluster1', 'cluster2', 'cluster3'];
const PASSWORD = 'cluster-bench-password';
/** The window, in polls of the stack (1 s apart when idle). */
const POLLS = Number(process.env.BENCH_CLUSTER_POLLS ?? 20);
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);

export async function benchCluster(): Promise<{ rows: string[][]; results: Record<string, unknown> }> {
  buildDashboard();
  const cluster = await startDashboardCluster({
    ports: [0, 1, 2].map((i) => E2E_CLUSTER_PORT + i),
    localawsPort: E2E_CLUSTER_LOCALAWS_PORT,
    users: USERS.map((login) => `${login}:viewer:${PASSWORD}`).join(','),
  });
  try {
    const cookies = await Promise.all(USERS.map((login) => cluster.signIn(login, PASSWORD)));
    await createStack(cluster, 'TapStack-cluster', topicsTemplate(40));
    const calls = await measureCallsRatio(cluster, 'TapStack-cluster', cookies, VIEWERS_PER_INSTANCE, POLLS);
    await createStack(cluster, 'TapStack-failover', topicsTemplate(1));
    const failover = await measureFailover(cluster, 'TapStack-failover', cookies[0]!, 40);
    const missed = Math.max(...failover.survivors.map((s) => s.missed));
    const duplicated = Math.max(...failover.survivors.map((s) => s.duplicated));
    return {
      results: { calls, failover },
      rows: [
        [
          `AWS calls/min, 3 instances × ${VIEWERS_PER_INSTANCE} viewers ÷ 1 viewer`,
          calls.ratio.toFixed(3),
          `(${calls.one.toFixed(1)}/min vs ${calls.many.toFixed(1)}/min; ${sum(calls.operations.one)} vs ${sum(calls.operations.many)} calls in ${POLLS} polls)`,
          `budget 1.05: ${verdict(calls.ratio <= 1.05)}`,
        ],
        [
          'kill -9 of the leading instance mid-update: next poll by another',
          `${(failover.takeoverMs / 1000).toFixed(2)} s`,
          `budget 5 s: ${verdict(failover.takeoverMs <= 5_000)}`,
        ],
        [
          `  events on the ${failover.survivors.length} surviving streams`,
          `missed ${missed}, duplicated ${duplicated}`,
          `(${failover.survivors.map((s) => s.events).join(', ')} events each)`,
          `budget 0: ${verdict(missed === 0 && duplicated === 0)}`,
        ],
      ],
    };
  } finally {
    await cluster.stop();
  }
}
