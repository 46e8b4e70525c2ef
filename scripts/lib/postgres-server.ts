import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server for tests and benchmarks: its own cluster in a temporary directory, on a free loopback
 * port, gone when stopped. It uses the machine's PostgreSQL binaries (Debian's `postgresql` package, which
 * .ci/run installs); `TAPDECK_PG_BIN` points elsewhere. PostgreSQL refuses to run as root, so under root (CI
 * containers) the cluster belongs to the `postgres` user the Debian package creates.
 *
 *   const server = await startPostgres();
 *   process.env.DATABASE_URL = server.url;
 *   ...
 *   await server.stop();
 *
 * `tsx scripts/lib/postgres-server.ts` runs one in the foreground and prints its URL (for trying several
 * instances by hand).
 */
export interface PostgresServer {
  /** postgres://tapdeck@127.0.0.1:PORT/tapdeck */
  url: string;
  port: number;
  /** Another empty database on the same server, for tests that want one each. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'tapdeck';
const DATABASE = 'tapdeck';

export function postgresBinDir(): string {
  if (process.env.TAPDECK_PG_BIN) return process.env.TAPDECK_PG_BIN;
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const bindir = fromConfig.status === 0 ? fromConfig.stdout.trim() : '';
  if (bindir && existsSync(path.join(bindir, 'initdb'))) return bindir;
  // Debian keeps the server binaries out of PATH, one directory per major version.
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = path.join('/usr/lib/postgresql', version, 'bin');
    if (existsSync(path.join(dir, 'initdb'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries not found: install them (Debian: apt-get install postgresql) or set TAPDECK_PG_BIN',
  );
}

export async function startPostgres(options: { log?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tapdeck-pg-'));
  const owner = process.getuid?.() === 0 ? postgresUser(dir) : {};

  const init = spawnSync(
    path.join(bin, 'initdb'),
    ['-D', path.join(dir, 'data'), '-U', USER, '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C'],
    { encoding: 'utf8', ...owner },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error?.message}`);

  const port = await freePort();
  // biome-ignore format: one flag and its value per line
  const args = [
    '-D', path.join(dir, 'data'),
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${dir}`,
    // A throwaway cluster: durability is not what these tests measure, and fsync makes a 2-core CI crawl.
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'max_connections=300',
  ];
  const child = spawn(path.join(bin, 'postgres'), args, {
    stdio: ['ignore', options.log ? 'inherit' : 'ignore', 'pipe'],
    ...owner,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
    if (options.log) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const base = `postgres://${USER}@127.0.0.1:${port}`;
  try {
    await waitUntilAccepting(`${base}/postgres`, child, () => stderr);
    await adminQuery(`${base}/postgres`, `CREATE DATABASE ${DATABASE}`);
  } catch (error) {
    await stopChild(child, exited);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `${base}/${DATABASE}`,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await adminQuery(`${base}/postgres`, `CREATE DATABASE ${name}`);
      return `${base}/${name}`;
    },
    async stop() {
      await stopChild(child, exited);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `postgres` user's ids, for spawning the server under root; the cluster's directory becomes theirs. */
function postgresUser(dir: string): { uid: number; gid: number } {
  const user = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (user.status !== 0) throw new Error('running as root needs a `postgres` user (Debian: apt-get install postgresql)');
  const ids = { uid: Number(user.stdout.trim()), gid: Number(group.stdout.trim()) };
  chownSync(dir, ids.uid, ids.gid);
  return ids;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAccepting(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${stderr()}`);
    try {
      await adminQuery(url, 'SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null) return;
  // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, close connections, exit.
  child.kill('SIGINT');
  const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killed);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startPostgres({ log: true });
  console.log(`PostgreSQL ready: DATABASE_URL=${server.url}   (Ctrl-C stops it and removes its data)`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
