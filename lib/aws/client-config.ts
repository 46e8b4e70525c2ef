import { config } from '@/lib/config';

/**
 * Settings shared by every AWS client tapdeck builds. Credentials are left to the SDK's default chain
 * (environment, AWS_PROFILE / SSO, container and instance roles), so real AWS, LocalStack and localaws all work
 * by standard configuration alone.
 */
export function clientConfig() {
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    // The pollers retry on their own schedule; a short SDK retry budget keeps a dead endpoint from stalling them.
    maxAttempts: 2,
  };
}

/**
 * One SDK client per service for the whole process, built on first use (the configuration is read lazily, and
 * `next build` never builds one). Every adapter of a service shares it, so reads and writes share one pool.
 */
export function lazyClient<T>(create: (config: ReturnType<typeof clientConfig>) => T): () => T {
  let client: T | undefined;
  return () => (client ??= create(clientConfig()));
}

/** Runs one AWS call, turning any failure into an AwsCallError named after the operation. */
export async function awsCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw AwsCallError.from(operation, error);
  }
}

/**
 * An AWS call that failed, with the service's error code kept for callers that branch on it. The message is the
 * service's own and may name ARNs and account ids: show it only to those allowed (lib/aws/explain-error.ts).
 */
const AWS_CALL_ERROR = Symbol.for('tapdeck.AwsCallError');

export class AwsCallError extends Error {
  readonly [AWS_CALL_ERROR] = true;

  /**
   * Next bundles this module once for the route handlers and once for the pages, and a process-wide singleton
   * (the promotion runtime, the live hub) may come from either: `instanceof` recognises the other copy's errors.
   */
  static [Symbol.hasInstance](value: unknown): value is AwsCallError {
    return typeof value === 'object' && value !== null && (value as { [AWS_CALL_ERROR]?: unknown })[AWS_CALL_ERROR] === true;
  }

  constructor(
    readonly operation: string,
    readonly code: string,
    message: string,
    /** The HTTP status AWS answered with; undefined when no answer came (network errors). */
    readonly httpStatus?: number,
  ) {
    super(`${operation} failed: ${message}`);
    this.name = 'AwsCallError';
  }

  static from(operation: string, error: unknown): AwsCallError {
    if (error instanceof AwsCallError) return error;
    const e = (error ?? {}) as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    // Node's socket errors (ECONNREFUSED, ENOTFOUND, …) come as a plain Error, or an AggregateError when both
    // address families failed: their `code` says more than their name.
    const networkCode = typeof e.code === 'string' && /^E[A-Z0-9_]+$/.test(e.code) ? e.code : undefined;
    const code = networkCode ?? (e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Unknown'));
    const message = e.message || networkCode || String(error);
    // ECONNREFUSED and friends: say where we tried, since that is what the operator needs to fix.
    const hint = code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message) ? ` (is ${config.endpoint ?? 'AWS'} reachable?)` : '';
    return new AwsCallError(operation, code, `${message}${hint}`, e.$metadata?.httpStatusCode);
  }
}
