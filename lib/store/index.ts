import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { config } from '@/lib/config';
import { StoreOpenError } from './errors';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './types';

export type * from './types';
export { StoreOpenError, StoreUnavailableError } from './errors';

/**
 * The process's store, opened on first use at `config.dbPath`. Kept on globalThis because Next may load this
 * module once per route bundle, and one connection per process is what keeps its prepared statements and lock
 * waits in one place (other processes on the same file are fine: SQLite's locks order their writes).
 */
const globalKey = Symbol.for('tapdeck.store');
const holder = globalThis as { [globalKey]?: Store };

export function getStore(): Store {
  return (holder[globalKey] ??= openConfiguredStore());
}

function openConfiguredStore(): Store {
  const path = resolve(config.dbPath);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(path, `cannot create its directory (${detail})`, { cause: error });
  }
  return openSqliteStore(path);
}
