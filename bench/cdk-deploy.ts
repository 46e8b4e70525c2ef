/** Wall time of a real `cdk deploy` of the full TapStack against a fresh localaws at a given speed. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnLocalaws } from './localaws-process';

export interface DeployResult {
  speed: number;
  seconds: number;
  exitCode: number;
  /** the last lines cdk printed, when it failed */
  tail?: string;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export async function benchCdkDeploy(speed: number, suffix = 'bench'): Promise<DeployResult> {
  const localaws = await spawnLocalaws(speed);
  const home = await mkdtemp(path.join(tmpdir(), 'tapdeck-bench-cdk-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL: localaws.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      CDK_HOME: home,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
    };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    const args = [
      'cdk',
      'deploy',
      `TapStack-${suffix}`,
      '--app',
      'npx tsx infra/bin/tap.ts',
      '-c',
      `suffix=${suffix}`,
      '--require-approval',
      'never',
      '--output',
      path.join(home, 'cdk.out'),
    ];
    const started = performance.now();
    const output: string[] = [];
    const exitCode = await new Promise<number>((resolve) => {
      const child = spawn('npx', args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => resolve(code ?? 1));
    });
    const seconds = Number(((performance.now() - started) / 1_000).toFixed(1));
    return { speed, seconds, exitCode, tail: exitCode === 0 ? undefined : output.join('').split('\n').slice(-15).join('\n') };
  } finally {
    await localaws.stop();
    await rm(home, { recursive: true, force: true });
  }
}
