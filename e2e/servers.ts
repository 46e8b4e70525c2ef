/**
 * The browser tests' servers, started by Playwright's one webServer entry (playwright.config.ts): a localaws and a
 * dashboard per worker slot (e2e/env.ts), all at once. Playwright starts the entries of a webServer list one
 * after another, each waiting for its URL, which left a third of a short run's time to startup on 2 cores.
 * Prints E2E_SERVERS_READY when every server answers; Playwright ends the whole process group when the run ends.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../scripts/lib/local-env';
import { waitForUrl } from '../scripts/lib/run';
import { startDashboardInstance } from './dashboard-instance';
import { E2E_SERVERS_READY, E2E_WORKERS, FAST_POLLS, slotServers, type SlotServers } from './env';
import { E2E_LOCAL_USERS } from './users';

const STARTUP_MS = 120_000;

const dashboardEnv = (servers: SlotServers): Record<string, string> => ({
  AWS_ENDPOINT_URL: servers.localawsUrl,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  ...FAST_POLLS,
  NEXT_TELEMETRY_DISABLED: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NEXTAUTH_SECRET: 'e2e-only-secret-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c',
  NEXTAUTH_URL: servers.dashboardUrl,
  TAPDECK_LOCAL_USERS: E2E_LOCAL_USERS,
  // A database of its own per run, emptied before the dashboard starts.
  TAPDECK_DB_PATH: servers.dbPath,
  // localaws runs stack operations 10x faster; a one-minute rollback monitoring window keeps the flow short.
  TAPDECK_ROLLBACK_MONITORING_MIN: '1',
  TAPDECK_PREFLIGHT_DRY_RUNS: '2',
  // A mute may be 3 s long here, so e2e/alarms.spec.ts watches one run out on the server's clock.
  TAPDECK_MUTE_MIN_SECONDS: '3',
});

/**
 * `npm run localaws` as a user runs it (so the demo seed the specs use is there), in a state directory of its own
 * wiped at start: tests never see `npm run local`'s .localaws/ or an older run.
 */
async function startLocalaws(servers: SlotServers): Promise<void> {
  const args = ['--import', 'tsx', path.join(repoRoot, 'scripts', 'localaws.ts')];
  const flags = ['--port', String(servers.localawsPort), '--speed', '10', '--reset', '--data-dir', servers.localawsDataDir];
  const child = spawn(process.execPath, [...args, ...flags], {
    cwd: repoRoot,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`localaws on ${servers.localawsPort} exited with ${code}`))),
  );
  await Promise.race([waitForUrl(`${servers.localawsUrl}/_localaws/health`, STARTUP_MS), exited]);
}

/** One `next build` for every dashboard, unless `npm test` has just built beside Vitest (TAPDECK_SKIP_BUILD=1). */
async function build(): Promise<void> {
  if (process.env.TAPDECK_SKIP_BUILD === '1') return;
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: repoRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`next build exited with ${code}`);
}

async function startSlot(servers: SlotServers, built: Promise<void>): Promise<void> {
  rmSync(path.dirname(servers.dbPath), { recursive: true, force: true });
  await Promise.all([startLocalaws(servers), built]);
  // Its log goes where Playwright shows the servers' output ([WebServer]).
  await startDashboardInstance(servers.port, dashboardEnv(servers), { echoLog: true });
}

try {
  const built = build();
  await Promise.all(Array.from({ length: E2E_WORKERS }, (_, slot) => startSlot(slotServers(slot), built)));
  console.log(E2E_SERVERS_READY);
} catch (error) {
  console.error(error);
  // Playwright reports the early exit; the servers already started (this process group) go with it.
  process.kill(0, 'SIGTERM');
}
