import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/chromium';
import { dashboardUrl, E2E_DB_PATH, E2E_LOCALAWS_DATA_DIR, E2E_LOCALAWS_PORT, E2E_PORT, localawsUrl } from './e2e/env';
import { E2E_LOCAL_USERS, storageStateOf } from './e2e/users';

const serverEnv = {
  AWS_ENDPOINT_URL: localawsUrl,
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
  NEXTAUTH_URL: dashboardUrl,
  TAPDECK_LOCAL_USERS: E2E_LOCAL_USERS,
  // A database of its own per run, emptied by the command below.
  TAPDECK_DB_PATH: E2E_DB_PATH,
  // localaws runs stack operations 10x faster; a one-minute rollback monitoring window keeps the flow short.
  TAPDECK_ROLLBACK_MONITORING_MIN: '1',
  TAPDECK_PREFLIGHT_DRY_RUNS: '2',
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1, // the specs share one localaws and one dashboard, and the machine has two cores
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: dashboardUrl,
    trace: 'retain-on-failure',
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
        launchOptions: { executablePath: findChromium() },
        storageState: storageStateOf('viewer'),
      },
    },
  ],
  webServer: [
    {
      // A state directory of its own, wiped at start: tests never see `npm run local`'s .localaws/ or an older run.
      command: `npx tsx scripts/localaws.ts --port ${E2E_LOCALAWS_PORT} --speed 10 --reset --data-dir ${E2E_LOCALAWS_DATA_DIR}`,
      url: `${localawsUrl}/_localaws/health`,
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
    },
    {
      // server.ts, as `npm start` runs it: the live streams are served beside Next, not by it.
      command: `rm -rf ${path.dirname(E2E_DB_PATH)} && npx next build && node --import tsx server.ts -H 127.0.0.1 -p ${E2E_PORT}`,
      url: `http://127.0.0.1:${E2E_PORT}/signin`,
      env: serverEnv,
      reuseExistingServer: false,
      // `next build` takes ~1 min on a quiet 2-core machine and several on a loaded one.
      timeout: 600_000,
      stdout: 'ignore',
    },
  ],
});
