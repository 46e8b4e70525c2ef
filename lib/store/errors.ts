/**
 * The store's failures that are not bugs: the database cannot be opened (a bad path or URL, a server that does
 * not answer, a refused login), or it went away after opening. Both carry a sentence a person can act on; a
 * PostgreSQL URL appears only with its password masked.
 */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
  constructor(
    /** the SQLite file, or DATABASE_URL with its password masked */
    readonly path: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot open the tapdeck database at ${path}: ${detail}`, options);
  }
}

/** The database answered once but not now (the PostgreSQL server restarted, the network dropped). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** The database refused a value as text (PostgreSQL stores no NUL character); the caller's input, not a bug. */
export class StoreInputError extends Error {
  override name = 'StoreInputError';
}

/** `postgres://user:***@host:port/db`: the URL as logs and error messages may show it. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL: any part of it could be the password, so none of it is shown.
    return '(not a parseable URL)';
  }
}
