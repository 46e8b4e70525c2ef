/** Starts localaws in a child process for the benchmark and stops it again. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface LocalawsProcess {
  url: string;
  child: ChildProcess;
  memory(): Promise<{ rss: number; heapUsed: number; cpuMicros: number }>;
  stop(): Promise<void>;
}

/** BENCH_CPU_PROF=DIR writes a V8 CPU profile of the localaws process there (open it in Chrome DevTools). */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}

export async function spawnLocalaws(speed: number, port = 0): Promise<LocalawsProcess> {
  const entry = fileURLToPath(new URL('./serve-localaws.ts', import.meta.url));
  const child = spawn(process.execPath, [...profileFlags(), '--import', 'tsx', entry, String(speed), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`localaws child exited with ${code} before listening`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return {
    url,
    child,
    memory: async () =>
      (await (await fetch(`${url}/_localaws/memory`, { headers: { 'x-localaws-admin': '1' } })).json()) as {
        rss: number;
        heapUsed: number;
        cpuMicros: number;
      },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
