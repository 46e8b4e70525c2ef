import path from 'node:path';

/** Where the repo lives, so scripts work from any working directory. */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * The environment every child process gets when tapdeck runs against localaws: static test credentials (any
 * access key works; a 12-digit one selects that account), a fixed region, and the CDK CLI's cache and telemetry
 * kept out of the user's home.
 */
export function localAwsEnv(endpoint: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    CDK_HOME: path.join(repoRoot, '.cdk-home'),
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true',
    // Node 20 is supported by the pinned SDK; its notice about 2027 releases is printed by every child otherwise.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // A profile or session token from the user's shell would override the static keys above.
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  return env;
}

export function bin(name: string): string {
  return path.join(repoRoot, 'node_modules', '.bin', name);
}

/**
 * How every tool starts the dashboard (npm start, npm run local, the screenshots, the benchmarks, the browser
 * tests): server.ts under this Node with tsx's loader, so the child is the server itself (its pid is the one to
 * measure or stop). `nodeFlags` go before the script (e.g. `--inspect`).
 */
export function dashboardServerArgs(host: string, port: number, nodeFlags: string[] = []): string[] {
  return [...nodeFlags, '--import', 'tsx', path.join(repoRoot, 'server.ts'), '-H', host, '-p', String(port)];
}
