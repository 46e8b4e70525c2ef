import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    exclude: ['**/node_modules/**', '**/cdk.out/**'],
    projects: [
      {
        extends: true,
        // The CDK app's and localaws's tests keep no state in modules (localaws's models are created per server),
        // so their files share each worker's loaded modules instead of importing the SDK, localaws and aws-cdk-lib
        // afresh per file: about a third of the run's CPU on this 2-core machine.
        test: { name: 'infra', include: ['infra/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        // The app reads its configuration and opens its clients and store once per process (lib/config.ts,
        // lib/aws, lib/store), and tests set the environment they need before importing: a module graph per file.
        test: { name: 'app', include: ['{lib,components,scripts}/**/*.test.ts'] },
      },
    ],
    // The TapStack is synthesized once per run, before any file starts; tests read the templates (infra/test/synth.ts).
    globalSetup: ['infra/test/global-setup.ts'],
    // Integration tests start real servers and the CDK CLI; give them room on a 2-core machine.
    testTimeout: 60_000,
    // vitest's default on 2 cores is one worker: every file in turn. Most integration time is localaws's
    // simulated provisioning and the CLI's polling, not CPU, so two files at a time overlap the waiting.
    maxWorkers: 2,
    hookTimeout: 60_000,
    // The pinned SDK supports Node 20; its notice about 2027 releases would otherwise repeat in every worker.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // lib/config.ts refuses to start without a secret and a sign-in provider; tests that need others set them.
      NEXTAUTH_SECRET: 'vitest-only-secret-0123456789abcdef0123456789',
      TAPDECK_LOCAL_USERS: 'viewer:viewer:viewer-pass,operator:operator:operator-pass,approver:approver:approver-pass',
    },
  },
});
