import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { config } from '@/lib/config';
import { StoreOpenError } from './errors';
import { createPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './types';

export type * from './types';
export { StoreInputError, StoreOpenError, StoreUnavailableError } from './errors';

/**
 * The process's store, opened on first use: PostgreSQL when DATABASE_URL is set (several instances share it),
 * else SQLite at `config.dbPath` (one instance). Kept on globalThis because Next may load this module once per
 * route bundle, and one pool (or connection) per process is what keeps connections, prepared statements and
 * lock waits in one place. The PostgreSQL pool connects and migrates on the first call, so a database that is
 * down at start-up fails that call (StoreOpenError, naming DATABASE_URL) and the next one tries again.
 */
const globalKey = Symbol.for('tapdeck.store');
const holder = globalThis as { [globalKey]?: Store };

export function getStore(): Store {
  return (holder[globalKey] ??= openConfiguredStore());
}

function openConfiguredStore(): Store {
  if (config.databaseUrl) return createPostgresStore(config.databaseUrl);
  const path = resolve(config.dbPath);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(path, `cannot create its directory (${detail})`, { cause: error });
  }
  return openSqliteStore(path);
}
