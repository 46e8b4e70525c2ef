/**
 * The browser's side of tapdeck's JSON API: same origin, the session cookie, JSON in and out. Every failure
 * comes back as a value with a message in words (the server's `message`, or what went wrong on the way), so
 * the components show it inline instead of throwing.
 */

export interface ApiFailure {
  /** HTTP status; 0 when the request never got an answer */
  status: number;
  /** the server's error code (`PreflightFailed`, `SelfApproval`, …), or `NetworkError` / `BadResponse` */
  error: string;
  message: string;
  /** set with 409 PromotionOpen: the request that already holds the stack */
  promotionId?: string;
}

export type ApiResult<T> = { ok: true; status: number; value: T } | { ok: false; failure: ApiFailure };

export async function callApi<T>(
  path: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  const method = options.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
      headers:
        method === 'POST' ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      // Handlers read a JSON body on every POST; an empty object is the body of a POST without fields.
      body: method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return {
      ok: false,
      failure: { status: 0, error: 'NetworkError', message: 'Could not reach tapdeck. Check your connection and try again.' },
    };
  }

  const body = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, value: body as T };
  return { ok: false, failure: failureFrom(response, body) };
}

function failureFrom(response: Response, body: unknown): ApiFailure {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (key: string) => (typeof fields[key] === 'string' && fields[key] ? (fields[key] as string) : undefined);
  return {
    status: response.status,
    error: text('error') ?? 'BadResponse',
    message: text('message') ?? `tapdeck answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
    promotionId: text('promotionId'),
  };
}

/** Paths of the API, in one place. */
export const apiPaths = {
  preflight: (stack: string) => `/api/stacks/${encodeURIComponent(stack)}/preflight`,
  dryRuns: (stack: string) => `/api/stacks/${encodeURIComponent(stack)}/dry-runs`,
  promotions: (stack: string) => `/api/stacks/${encodeURIComponent(stack)}/promotions`,
  demote: (stack: string) => `/api/stacks/${encodeURIComponent(stack)}/demote`,
  promotion: (id: string) => `/api/promotions/${encodeURIComponent(id)}`,
  decide: (id: string, step: 'approve' | 'reject' | 'execute' | 'cancel') => `/api/promotions/${encodeURIComponent(id)}/${step}`,
};

/** The request page of a promotion. */
export function promotionHref(stack: string, id: string): string {
  return `/stacks/${encodeURIComponent(stack)}/promotions/${encodeURIComponent(id)}`;
}
