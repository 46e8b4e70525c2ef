/** One dashboard process, as `npm start` runs it: for the browser tests' servers, the cluster test and the benchmarks. */
import { spawn } from 'node:child_process';
import { dashboardServerArgs, repoRoot } from '../scripts/lib/local-env';

export interface DashboardInstance {
  url: string;
  pid: number;
  /** SIGKILL, as a crashed machine would: no shutdown hook runs, PostgreSQL sees the connection drop. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  /** The tail of its stderr (its log), for failure messages. */
  log(): string;
}

/**
 * Starts one instance on `port` as `npm start` does (server.ts): the only place that says how. Its log is kept
 * for failure messages and, with `echoLog`, also written to this process's stderr as it comes.
 */
export async function startDashboardInstance(
  port: number,
  env: Record<string, string>,
  { echoLog = false } = {},
): Promise<DashboardInstance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, dashboardServerArgs('127.0.0.1', port), {
    cwd: repoRoot,
    // Only what it needs: the test runner's own environment (another DATABASE_URL, say) must not leak in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? repoRoot, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
    if (echoLog) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const instance = { url, pid: child.pid!, kill9: () => end('SIGKILL'), stop: () => end('SIGTERM'), log: () => stderr };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the instance on ${port} exited with ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${url}/signin`)).ok) return instance;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await instance.kill9();
      throw new Error(`the instance on ${port} did not answer within 120 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
