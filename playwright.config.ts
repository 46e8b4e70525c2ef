import { defineConfig, devices } from '@playwright/test';
import { E2E_CONTEXT, findChromium } from './e2e/chromium';
import { dashboardUrl, E2E_SERVERS_READY, E2E_WORKERS } from './e2e/env';
import { storageStateOf } from './e2e/users';

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
  // Every worker's localaws and dashboard, started at once by one command (e2e/servers.ts), after one `next build`
  // unless TAPDECK_SKIP_BUILD=1 (`npm test` builds beside Vitest).
  webServer: {
    command: 'node --import tsx e2e/servers.ts',
    wait: { stdout: new RegExp(E2E_SERVERS_READY) },
    reuseExistingServer: false,
    // `next build` takes ~1 min on a quiet 2-core machine and several on a loaded one.
    timeout: 600_000,
  },
});
