import { MigrationError } from './migrations';
import { StoreInputError, StoreOpenError, StoreUnavailableError, maskDatabaseUrl } from './errors';

/**
 * PostgreSQL's failures in words: what went wrong opening the database (naming DATABASE_URL, never its password),
 * and which failures mean "the server is not answering" rather than a bug or a refused write.
 */
interface PgLikeError {
  code?: string;
  message?: string;
}

const asPgError = (error: unknown): PgLikeError => (typeof error === 'object' && error !== null ? (error as PgLikeError) : {});

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** The server cannot be reached or dropped the connection (as opposed to refusing a statement). */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message = '' } = asPgError(error);
  if (code && NETWORK_CODES.has(code)) return true;
  // 08…: connection exceptions; 57P01–57P03: the server is shutting down or starting.
  if (code && (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  } catch {
    return 'the host in DATABASE_URL';
  }
}

/** One sentence for a failure to connect or migrate, for StoreOpenError. */
export function explainPostgresOpenFailure(url: string, error: unknown): string {
  if (error instanceof MigrationError) return error.message;
  const { code, message = String(error) } = asPgError(error);
  if (isConnectionFailure(error)) {
    return `the PostgreSQL server at ${hostOf(url)} does not answer (${message}); check the host and port in DATABASE_URL and that the server is running`;
  }
  if (code === '28P01' || code === '28000') {
    return `PostgreSQL refused the login (${message}); check the user and password in DATABASE_URL`;
  }
  if (code === '3D000') return `${message}; create it or fix the database name in DATABASE_URL`;
  if (code === '42501') return `${message}; the user in DATABASE_URL needs the right to create tables in its database`;
  return message;
}

export function openError(url: string, error: unknown): StoreOpenError {
  return new StoreOpenError(`DATABASE_URL ${maskDatabaseUrl(url)}`, explainPostgresOpenFailure(url, error), { cause: error });
}

export function unavailableError(url: string, error: unknown): StoreUnavailableError {
  const { message = String(error) } = asPgError(error);
  return new StoreUnavailableError(
    `the tapdeck database (DATABASE_URL ${maskDatabaseUrl(url)}) is not answering: ${message}; try again in a moment`,
    { cause: error },
  );
}

/** 22021 / 22P05: a NUL character (U+0000) in text or jsonb, which SQLite would have stored. */
export function inputError(error: unknown): StoreInputError | null {
  const { code } = asPgError(error);
  if (code !== '22021' && code !== '22P05') return null;
  return new StoreInputError('text with a NUL character (U+0000) cannot be stored; remove it and try again', { cause: error });
}
