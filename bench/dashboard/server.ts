/**
 * The dashboard under benchmark: localaws and server.ts (the build in .next, made by `next build` unless
 * BENCH_SKIP_BUILD=1) on the ports in E2E_PORT / E2E_LOCALAWS_PORT, signed-in local users, and a small stack.
 * The server runs with --inspect on BENCH_INSPECT_PORT so the memory figure can collect garbage first (inspector.ts)
 * without a new endpoint. TAPDECK_MAX_STREAMS_PER_USER=1000 (its maximum) lets three users hold 2,000 streams.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { FAST_POLLS } from '../../e2e/env';
import { dashboardServerArgs } from '../../scripts/lib/local-env';
import { signInLocalUser } from '../../scripts/lib/sign-in';
import { spawnLocalaws, type LocalawsProcess } from '../localaws-process';
import { clientConfig, createStackAndWait } from '../reads';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const DASHBOARD_PORT = Number(process.env.E2E_PORT ?? 3106);
export const LOCALAWS_PORT = Number(process.env.E2E_LOCALAWS_PORT ?? 4606);
export const INSPECT_PORT = Number(process.env.BENCH_INSPECT_PORT ?? 4616);
/** The stack every figure watches; `TapStack…` so the fleet overview lists it too. */
export const BENCH_STACK = 'TapStack-bench';
export const BENCH_USERS = ['bench1', 'bench2', 'bench3'] as const;
const PASSWORD = 'bench-only-password';

export interface Dashboard {
  url: string;
  pid: number;
  localaws: LocalawsProcess;
  /** The dashboard's SQLite database (the first-load figure adds a promotion request to show). */
  dbPath: string;
  /** The Cookie header of a signed-in local user (viewer role). */
  cookies: Record<(typeof BENCH_USERS)[number], string>;
  /**
   * Adds `more` SNS topics to the bench stack, one after the other (each DependsOn the one before, ~200 ms each at
   * localaws speed 10), so the update lasts and reports events steadily. Starts the update; returns at once.
   */
  updateStack(more: number): Promise<void>;
  /** Resolves once the bench stack has settled. */
  waitSettled(): Promise<string>;
  stop(): Promise<void>;
}

export function buildDashboard(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const build = spawnSync('nice', ['-n', '10', 'npx', 'next', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

export async function startDashboard(options: { localawsSpeed: number; topics: number }): Promise<Dashboard> {
  const localaws = await spawnLocalaws(options.localawsSpeed, LOCALAWS_PORT);
  const cfn = new CloudFormationClient(clientConfig(localaws.url));
  let chained = 0;
  await createStackAndWait(cfn, BENCH_STACK, benchTemplate(options.topics, chained));

  const dataDir = mkdtempSync(path.join(tmpdir(), 'tapdeck-bench-'));
  const url = `http://127.0.0.1:${DASHBOARD_PORT}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    AWS_ENDPOINT_URL: localaws.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    ...FAST_POLLS,
    TAPDECK_MAX_STREAMS_PER_USER: '1000',
    NEXT_TELEMETRY_DISABLED: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NEXTAUTH_SECRET: 'bench-only-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    NEXTAUTH_URL: url,
    TAPDECK_LOCAL_USERS: BENCH_USERS.map((login) => `${login}:viewer:${PASSWORD}`).join(','),
    TAPDECK_DB_PATH: path.join(dataDir, 'tapdeck.db'),
  };
  const child: ChildProcess = spawn(
    'nice',
    ['-n', '10', process.execPath, ...dashboardServerArgs('127.0.0.1', DASHBOARD_PORT, [`--inspect=127.0.0.1:${INSPECT_PORT}`])],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    cfn.destroy();
    await localaws.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitFor(`${url}/signin`, child, () => stderr);
    const cookies = Object.fromEntries(
      await Promise.all(BENCH_USERS.map(async (login) => [login, await signInLocalUser(url, login, PASSWORD)] as const)),
    ) as Dashboard['cookies'];
    return {
      url,
      // `nice` execs node, so the child's pid is the server's.
      pid: child.pid!,
      localaws,
      dbPath: env.TAPDECK_DB_PATH,
      cookies,
      async updateStack(more) {
        chained += more;
        await cfn.send(new UpdateStackCommand({ StackName: BENCH_STACK, TemplateBody: benchTemplate(options.topics, chained) }));
      },
      async waitSettled() {
        for (;;) {
          const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: BENCH_STACK }));
          const status = Stacks?.[0]?.StackStatus ?? 'GONE';
          if (!status.endsWith('_IN_PROGRESS')) return status;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the dashboard exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the dashboard did not answer ${url} within 120 s:\n${log()}`);
}

/** An alarm, `parallel` independent topics, then `chained` more, each depending on the one before. */
function benchTemplate(parallel: number, chained: number): string {
  const resources: Record<string, unknown> = {
    // One alarm of the stack's own, so the alarm page has something to show (first-load-js.ts measures it).
    Errors: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: `${BENCH_STACK}-Errors`,
        Namespace: 'Bench',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      },
    },
  };
  for (let i = 0; i < parallel; i++) resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic' };
  for (let i = 0; i < chained; i++)
    resources[`Chained${i}`] = { Type: 'AWS::SNS::Topic', ...(i > 0 ? { DependsOn: `Chained${i - 1}` } : {}) };
  return JSON.stringify({ Resources: resources });
}
