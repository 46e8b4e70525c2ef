/**
 * `npx tsx bench/store-postgres.ts [--appends-only]` (or `npm run bench -- --only store`): the store on PostgreSQL
 * against SQLite.
 *
 * - Audit appends per second: one writer appending in turn, then three instances (three pools on PostgreSQL,
 *   three connections on the SQLite file) with 8 appends in flight each. Both engines durable: SQLite runs
 *   synchronous=FULL, and the benchmark's PostgreSQL turns fsync and synchronous_commit back on (the test server
 *   turns them off), so every acknowledged append is on disk on both.
 * - 50 simultaneous approve/execute calls spread over three promotion services on one PostgreSQL (three
 *   instances) against a real localaws with the TapStack deployed: ExecuteChangeSet calls, `promotion.executed`
 *   entries, and whether the chain verifies.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { User } from '@/lib/auth/roles';
import { ensureAssembly } from '@/infra/test/tapstack-assembly';
import { openPostgresStore } from '@/lib/store/postgres-store';
import { openSqliteStore } from '@/lib/store/sqlite-store';
import type { AuditInput, Store } from '@/lib/store/types';
import { seedDemo } from '@/scripts/demo';
import { startPostgres, type PostgresServer } from '@/scripts/lib/postgres-server';
import { spawnLocalaws } from './localaws-process';

const APPENDS = 1_000;
const IN_FLIGHT = 8;

const auditInput = (actor: string): AuditInput => ({
  actor,
  actorName: actor,
  actorRole: 'operator',
  action: 'alarm.acknowledged',
  account: '111111111111',
  region: 'us-east-1',
  stackName: 'TapStack',
  outcome: 'ok',
});

export interface StoreBenchResult {
  appendsPerSecond: Record<'postgres' | 'sqlite', { oneWriter: number; threeInstances: number }>;
  approvals?: { calls: number; executeChangeSetCalls: number; executedEntries: number; chainVerifies: boolean; ms: number };
}

async function appendRate(stores: Store[], concurrent: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    stores.flatMap((store) =>
      Array.from({ length: concurrent }, async () => {
        while (next < APPENDS) {
          next++;
          await store.appendAudit(auditInput(`bench-${next}`));
        }
      }),
    ),
  );
  return Math.round(APPENDS / ((performance.now() - t0) / 1000));
}

async function benchAppends(server: PostgresServer): Promise<StoreBenchResult['appendsPerSecond']> {
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query('ALTER SYSTEM SET fsync = on');
  await admin.query('ALTER SYSTEM SET synchronous_commit = on');
  await admin.query('ALTER SYSTEM SET full_page_writes = on');
  await admin.query('SELECT pg_reload_conf()');
  await admin.end();

  const pgUrls = [await server.createDatabase('bench_one'), await server.createDatabase('bench_three')];
  const one = [await openPostgresStore(pgUrls[0]!)];
  const three = await Promise.all([0, 1, 2].map(() => openPostgresStore(pgUrls[1]!)));
  const postgres = { oneWriter: await appendRate(one, 1), threeInstances: await appendRate(three, IN_FLIGHT) };
  for (const store of [...one, ...three]) await store.end();

  const dir = mkdtempSync(join(tmpdir(), 'tapdeck-bench-store-'));
  try {
    const single = [openSqliteStore(join(dir, 'one.db'))];
    const shared = [0, 1, 2].map(() => openSqliteStore(join(dir, 'three.db')));
    const sqlite = { oneWriter: await appendRate(single, 1), threeInstances: await appendRate(shared, IN_FLIGHT) };
    for (const store of [...single, ...shared]) store.close();
    return { postgres, sqlite };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchApprovals(server: PostgresServer): Promise<NonNullable<StoreBenchResult['approvals']>> {
  await ensureAssembly(() => undefined);
  const localaws = await spawnLocalaws(200);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: localaws.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    // lib/config refuses to start without a session secret and a sign-in provider; nobody signs in here.
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString('hex'),
    TAPDECK_LOCAL_USERS: process.env.TAPDECK_LOCAL_USERS ?? `bench:viewer:${randomBytes(12).toString('hex')}`,
  });
  // After the environment is set: lib/config reads it on first use.
  const { createThreeInstances } = await import('./store-postgres-instances');
  const { createLocalawsLab } = await import('@/lib/promotion/testing/localaws-lab');
  const { PromotionError } = await import('@/lib/promotion/errors');
  const seeded = (await seedDemo(localaws.url, { log: () => undefined })).parameters;
  const lab = createLocalawsLab(localaws.url, 'us-east-1', seeded);
  const instances = await createThreeInstances(await server.createDatabase('bench_approvals'));
  try {
    const stack = 'TapStack-bench';
    await lab.createTapStack(stack, 'bench', {});
    await lab.setAlarms(stack, 'OK');
    await lab.dryRuns(stack, 3);
    const user = (login: string, role: User['role']): User => ({ id: `local:${login}`, name: login, provider: 'local', role });
    const requested = await instances.services[0]!.request(user('operator', 'operator'), stack);
    await lab.admin('DELETE', '/_localaws/requests');
    const approvers = [user('approver', 'approver'), user('april', 'approver'), user('avery', 'admin')];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const service = instances.services[i % 3]!;
        const who = approvers[Math.floor(i / 3) % 3]!;
        const call = i % 2 === 0 ? service.approve(who, requested.id) : service.execute(who, requested.id);
        return call.catch((error: unknown) => {
          if (!(error instanceof PromotionError)) throw error;
        });
      }),
    );
    const ms = Math.round(performance.now() - t0);
    const { operations } = (await lab.admin('GET', '/_localaws/requests')) as { operations: Record<string, number> };
    const executed = await instances.stores[2]!.listAudit({ action: 'promotion.executed' });
    const verified = await instances.stores[1]!.verifyAudit();
    return {
      calls: 50,
      executeChangeSetCalls: operations['cloudformation:ExecuteChangeSet'] ?? 0,
      executedEntries: executed.filter((entry) => entry.promotionId === requested.id).length,
      chainVerifies: verified.ok,
      ms,
    };
  } finally {
    await instances.close();
    lab.destroy();
    await localaws.stop();
  }
}

export async function benchStorePostgres(
  options: { approvals?: boolean } = {},
): Promise<{ results: StoreBenchResult; rows: string[][] }> {
  const server = await startPostgres();
  try {
    const appendsPerSecond = await benchAppends(server);
    const results: StoreBenchResult = { appendsPerSecond };
    const rows = (['postgres', 'sqlite'] as const).map((engine) => [
      `Audit appends on ${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} (durable)`,
      `${appendsPerSecond[engine].oneWriter}/s one writer`,
      `${appendsPerSecond[engine].threeInstances}/s three instances × ${IN_FLIGHT} in flight`,
    ]);
    if (options.approvals !== false) {
      const approvals = await benchApprovals(server);
      results.approvals = approvals;
      rows.push([
        '50 simultaneous approvals over three instances (PostgreSQL)',
        `ExecuteChangeSet ${approvals.executeChangeSetCalls}`,
        `promotion.executed entries ${approvals.executedEntries}`,
        `chain ${approvals.chainVerifies ? 'verifies' : 'DOES NOT VERIFY'}`,
        `${approvals.ms} ms`,
      ]);
    }
    return { results, rows };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { results, rows } = await benchStorePostgres({ approvals: !process.argv.includes('--appends-only') });
  for (const row of rows) console.log(`  ${row.join('  ')}`);
  console.log(JSON.stringify(results));
  // Watchers of the promoted request are disposed; pg pools are ended. Exit rather than wait for timers.
  process.exit(0);
}
