import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `count` race-child.ts processes (the stores' cross-process tests) and collects the JSON line each prints.
 * `startAt()` is a moment a few seconds ahead for them to line up on: tsx takes a second or two to start on a
 * small machine, and the point is that their writes overlap.
 */
const child = fileURLToPath(new URL('./race-child.ts', import.meta.url));

export const startAt = () => String(Date.now() + 3_000);

export function runRaceChildren<T>(count: number, args: (i: number) => string[]): Promise<T[]> {
  return Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<T>((resolve, reject) => {
          const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args(i)], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          proc.stdout.on('data', (chunk) => (out += chunk));
          proc.stderr.on('data', (chunk) => (err += chunk));
          proc.on('error', reject);
          proc.on('close', (code) =>
            code === 0 ? resolve(JSON.parse(out.trim()) as T) : reject(new Error(`child exited ${code}: ${err}`)),
          );
        }),
    ),
  );
}
