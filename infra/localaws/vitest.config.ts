import { defineConfig } from 'vitest/config';

/** `npm test -w localaws`: the package's own tests, alone (the repo's `npm test` runs them too). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
