/**
 * Several dashboard instances on one PostgreSQL and one localaws, as a team would run them behind a load balancer:
 * real processes, one DATABASE_URL, one session secret. Used by the multi-instance test (e2e/cluster.spec.ts) and
 * the benchmark (bench/cluster.ts); both need the build in .next (`next build`, which Playwright's webServer runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { spawnLocalaws, type LocalawsProcess } from '../bench/localaws-process';
import { startPostgres, type PostgresServer } from '../scripts/lib/postgres-server';
import { signInLocalUser } from '../scripts/lib/sign-in';
import { startDashboardInstance, type DashboardInstance } from './dashboard-instance';
import { FAST_POLLS } from './env';

export type { DashboardInstance };

export interface DashboardClusterOptions {
  ports: number[];
  localawsPort: number;
  /** `login:role:password,…` (TAPDECK_LOCAL_USERS) */
  users: string;
  /** localaws's simulated-time factor (10: a stack update of 30 SNS topics takes a few seconds). */
  speed?: number;
}

export interface DashboardCluster {
  instances: DashboardInstance[];
  postgres: PostgresServer;
  localaws: LocalawsProcess;
  /** A signed-in session's Cookie header; JWT sessions, so it works on every instance (no sticky routing). */
  signIn(login: string, password: string): Promise<string>;
  /** The pids of the instances that lead a live topic now (they hold its advisory lock). */
  leaderPids(): Promise<number[]>;
  /** localaws's request counter: every AWS call any instance made since the last reset. */
  awsCalls(): Promise<{ total: number; operations: Record<string, number> }>;
  resetAwsCalls(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDashboardCluster(options: DashboardClusterOptions): Promise<DashboardCluster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tapdeck-cluster-'));
  const postgres = await startPostgres();
  const localaws = await spawnLocalaws(options.speed ?? 10, options.localawsPort).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const publicUrl = `http://127.0.0.1:${options.ports[0]}`;
  const env = (index: number): Record<string, string> => ({
    DATABASE_URL: postgres.url,
    // Unused while DATABASE_URL is set; each its own, so nothing could be shared through a file by accident.
    TAPDECK_DB_PATH: path.join(dataDir, `instance-${index}`, 'tapdeck.db'),
    AWS_ENDPOINT_URL: localaws.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    ...FAST_POLLS,
    // The promotion test's values (as e2e/servers.ts gives the workers' dashboards): a short rollback window.
    TAPDECK_ROLLBACK_MONITORING_MIN: '1',
    TAPDECK_PREFLIGHT_DRY_RUNS: '2',
    // 200 viewers per instance from three users.
    TAPDECK_MAX_STREAMS_PER_USER: '1000',
    NEXTAUTH_SECRET: 'cluster-only-secret-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
    // One public URL for all, as behind a load balancer.
    NEXTAUTH_URL: publicUrl,
    TAPDECK_LOCAL_USERS: options.users,
    NEXT_TELEMETRY_DISABLED: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });

  const started = await Promise.allSettled(options.ports.map((port, index) => startDashboardInstance(port, env(index))));
  const instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await admin.end().catch(() => {});
    await localaws.stop();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }

  const adminHeaders = { 'x-localaws-admin': '1' };
  return {
    instances,
    postgres,
    localaws,
    signIn: (login, password) => signInLocalUser(publicUrl, login, password),
    async leaderPids() {
      const { rows } = await admin.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'tapdeck-live%'`,
      );
      return rows.map((row) => Number(/pid (\d+)/.exec(row.name)?.[1]));
    },
    async awsCalls() {
      const res = await fetch(`${localaws.url}/_localaws/requests`, { headers: adminHeaders });
      return (await res.json()) as { total: number; operations: Record<string, number> };
    },
    async resetAwsCalls() {
      await fetch(`${localaws.url}/_localaws/requests`, { method: 'DELETE', headers: adminHeaders });
    },
    stop,
  };
}
