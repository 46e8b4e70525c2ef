/**
 * The localaws command line: `localaws [--port N] [--host H [--allow-remote] [--allowed-hosts a,b]] [--speed S]
 * [--data-dir DIR] [--reset]`. A non-loopback --host is refused without --allow-remote (there is no authentication).
 * Defaults come from LOCALAWS_PORT / LOCALAWS_SPEED / LOCALAWS_DATA_DIR, then 4566, 1 and `.localaws/` in the
 * working directory. State is saved there across restarts; --reset deletes it first. An embedding application
 * runs the same command line with its own options (e.g. a demo seed) through `runLocalawsCli`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalaws, type LocalawsOptions } from './index';
import { hostName, isLoopbackName } from './security/request-gate';

function readNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`localaws: --${name} must be a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

/** Runs localaws from command-line arguments until SIGINT/SIGTERM; `extra` adds options the flags do not cover. */
export async function runLocalawsCli(args: string[], extra: Pick<LocalawsOptions, 'seedDemo' | 'log'> = {}): Promise<void> {
  try {
    await serve(args, extra);
  } catch (error) {
    console.error(`localaws: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

async function serve(args: string[], extra: Pick<LocalawsOptions, 'seedDemo' | 'log'>): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'allowed-hosts': { type: 'string' },
      speed: { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean' },
    },
  });
  const port = readNumber('port', values.port ?? process.env.LOCALAWS_PORT, 4566);
  const speed = readNumber('speed', values.speed ?? process.env.LOCALAWS_SPEED, 1) || 1;
  const host = values.host ?? '127.0.0.1';
  const allowRemote = values['allow-remote'] ?? false;
  const allowedHosts = values['allowed-hosts']
    ?.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (!isLoopbackName(hostName(host))) {
    const banner = '!'.repeat(100);
    console.error(`${banner}\nlocalaws: WARNING: --host ${host} exposes localaws beyond this machine. It has no authentication:`);
    console.error('anyone who can reach the port can read and change every stack, key, bucket and table, and inject faults.');
    if (!allowRemote) {
      console.error(
        `Refusing to start. Pass --allow-remote to do it anyway (and --allowed-hosts to name the Host headers to accept).\n${banner}`,
      );
      process.exit(2);
    }
    console.error(
      `Accepting loopback and IP-literal Hosts${allowedHosts?.length ? ` and ${allowedHosts.join(', ')}` : ''}.\n${banner}`,
    );
  }
  const dataDir = path.resolve(values['data-dir'] || process.env.LOCALAWS_DATA_DIR || '.localaws');
  const server = await startLocalaws({
    port,
    host,
    allowRemote,
    allowedHosts,
    speed,
    dataDir,
    reset: values.reset ?? false,
    ...extra,
  });
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
