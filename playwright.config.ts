import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_CONTEXT, findChromium } from './e2e/chromium';
import { dashboardUrl, E2E_WORKERS, slotServers, type SlotServers } from './e2e/env';
import { E2E_LOCAL_USERS, storageStateOf } from './e2e/users';

const slots = Array.from({ length: E2E_WORKERS }, (_, slot) => slotServers(slot));

const dashboardEnv = (servers: SlotServers) => ({
  AWS_ENDPOINT_URL: servers.localawsUrl,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  // Fast polls keep the tests short; the idle rate is what the shared-poller test counts.
  TAPDECK_POLL_ACTIVE_MS: '500',
  TAPDECK_POLL_IDLE_MS: '1000',
  TAPDECK_POLL_ALARMS_MS: '1000',
  TAPDECK_FLEET_POLL_MS: '1000',
  TAPDECK_FLEET_DETAILS_MS: '2000',
  NEXT_TELEMETRY_DISABLED: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NEXTAUTH_SECRET: 'e2e-only-secret-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c',
  NEXTAUTH_URL: servers.dashboardUrl,
  TAPDECK_LOCAL_USERS: E2E_LOCAL_USERS,
  // A database of its own per run, emptied by the command below.
  TAPDECK_DB_PATH: servers.dbPath,
  // localaws runs stack operations 10x faster; a one-minute rollback monitoring window keeps the flow short.
  TAPDECK_ROLLBACK_MONITORING_MIN: '1',
  TAPDECK_PREFLIGHT_DRY_RUNS: '2',
  // A mute may be 3 s long here, so e2e/alarms.spec.ts watches one run out on the server's clock.
  TAPDECK_MUTE_MIN_SECONDS: '3',
});

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  // Files are spread over the workers; tests within a file run in order. Each worker has its own localaws and
  // dashboard (e2e/env.ts), so a spec sees only its own worker's doings.
  fullyParallel: false,
  workers: E2E_WORKERS,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: dashboardUrl,
    // No trace by default: recording one for every test cost a quarter of the run's CPU (493 → 368 CPU-s) on this
    // 2-core machine. A failure still keeps its screenshot and its page snapshot (error-context.md); to trace,
    // run `npx playwright test --trace retain-on-failure`.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    {
      name: 'chromium',
      dependencies: ['setup'],
      // Signed in as the viewer unless a test asks for someone else (fixtures.ts `signedInAs`).
      use: {
        ...devices['Desktop Chrome'],
        ...E2E_CONTEXT,
        launchOptions: { executablePath: findChromium() },
        storageState: storageStateOf('viewer'),
      },
    },
  ],
  // In order: every localaws, then one `next build` and the first dashboard, then the others on the same build.
  // TAPDECK_SKIP_BUILD=1 reuses the build in .next, as `npm test` does after building beside Vitest.
  webServer: [
    ...slots.map((servers) => ({
      // A state directory of its own, wiped at start: tests never see `npm run local`'s .localaws/ or an older run.
      command: `npx tsx scripts/localaws.ts --port ${servers.localawsPort} --speed 10 --reset --data-dir ${servers.localawsDataDir}`,
      url: `${servers.localawsUrl}/_localaws/health`,
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore' as const,
    })),
    ...slots.map((servers, slot) => ({
      // server.ts, as `npm start` runs it: the live streams are served beside Next, not by it.
      command: [
        `rm -rf ${path.dirname(servers.dbPath)}`,
        ...(slot === 0 && process.env.TAPDECK_SKIP_BUILD !== '1' ? ['npx next build'] : []),
        `node --import tsx server.ts -H 127.0.0.1 -p ${servers.port}`,
      ].join(' && '),
      url: `http://127.0.0.1:${servers.port}/signin`,
      env: dashboardEnv(servers),
      reuseExistingServer: false,
      // `next build` takes ~1 min on a quiet 2-core machine and several on a loaded one.
      timeout: 600_000,
      stdout: 'ignore' as const,
    })),
  ],
});
