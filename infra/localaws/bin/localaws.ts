/**
 * localaws CLI: `tsx infra/localaws/bin/localaws.ts [--port N] [--host H] [--speed S] [--data-dir DIR] [--reset]`.
 * Defaults come from LOCALAWS_PORT / LOCALAWS_SPEED / LOCALAWS_DATA_DIR, then 4566, 1 and `.localaws/` at the
 * repo root. State is saved there across restarts; --reset deletes it first.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalaws } from '../src/index';

function readNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`localaws: --${name} must be a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' }, speed: { type: 'string' }, 'data-dir': { type: 'string' }, reset: { type: 'boolean' } },
  });
  const port = readNumber('port', values.port ?? process.env.LOCALAWS_PORT, 4566);
  const speed = readNumber('speed', values.speed ?? process.env.LOCALAWS_SPEED, 1) || 1;
  const host = values.host ?? '127.0.0.1';
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
  const dataDir = path.resolve(values['data-dir'] || process.env.LOCALAWS_DATA_DIR || path.join(repoRoot, '.localaws'));
  const server = await startLocalaws({ port, host, speed, dataDir, reset: values.reset ?? false });
  console.log(`localaws listening on ${server.url} (speed ${speed}, state in ${dataDir})`);
  const stop = (signal: string) => {
    console.log(`localaws: ${signal}, stopping`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`localaws: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
