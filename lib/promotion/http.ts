import { z } from 'zod';
import { AwsCallError } from '@/lib/aws/client-config';
import { guardRoute, problem } from '@/lib/auth/guard';
import { can, type Permission, type User } from '@/lib/auth/roles';
import { isValidStackName } from '@/lib/rollout/status';
import { StoreInputError, StoreOpenError, StoreUnavailableError } from '@/lib/store/errors';
import { PromotionError } from './errors';
import { describeAwsFailure, RETRY_LATER } from './failure-text';

/**
 * What every promotion route handler shares: parameter and body validation, and one mapping from failures to
 * answers. Handlers call guardRoute first, then these, then the service.
 */

/**
 * Runs a handler for a signed-in user with `permission` (guardRoute first, before anything is parsed or read),
 * turning whatever it throws into an answer.
 */
export async function withUser(
  request: Request,
  permission: Permission,
  run: (user: User) => Promise<Response>,
): Promise<Response> {
  const guard = await guardRoute(request, permission);
  if (!guard.ok) return guard.response;
  try {
    return await run(guard.user);
  } catch (error) {
    return errorResponse(error, guard.user);
  }
}

export const MAX_BODY_BYTES = 16 * 1024;

/** Promotion ids are UUIDs (service.ts); nothing else reaches the store. */
export const PROMOTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

export function parseStackName(raw: string): Parsed<string> {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  if (isValidStackName(name)) return { ok: true, value: name };
  const message = 'That is not a CloudFormation stack name (letters, digits and hyphens, starting with a letter).';
  return { ok: false, response: problem(400, 'InvalidStackName', message) };
}

export function parsePromotionId(raw: string): Parsed<string> {
  if (PROMOTION_ID_PATTERN.test(raw)) return { ok: true, value: raw };
  return { ok: false, response: problem(400, 'InvalidPromotionId', 'That is not a promotion request id.') };
}

const comment = z.string().trim().min(1, 'comment must not be empty').max(2000, 'comment must be at most 2000 characters');

/** Bodies of the POST routes: unknown fields are refused, so a typo is not silently ignored. */
export const bodies = {
  empty: z.object({}).strict(),
  optionalComment: z.object({ comment: comment.optional() }).strict(),
  requiredComment: z.object({ comment }).strict(),
};

/**
 * The request's JSON body checked against `schema`: 415 when it is not JSON, 413 over 16 KB (counted as it
 * arrives, not trusted from Content-Length), 400 with zod's words when it does not fit. No body and no
 * Content-Type reads as `{}`.
 */
export async function readBody<T>(request: Request, schema: z.ZodType<T>, maxBytes = MAX_BODY_BYTES): Promise<Parsed<T>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const text = await readLimited(request, maxBytes);
  if (text === null) return { ok: false, response: tooLarge(maxBytes) };
  // A form or text body is refused even when empty: only the dashboard's fetch (JSON, or no body) is expected.
  const type = request.headers.get('content-type');
  if ((type !== null || text.trim() !== '') && !/^application\/json\s*(;|$)/i.test(type ?? '')) {
    return { ok: false, response: problem(415, 'UnsupportedMediaType', 'Send the body as application/json.') };
  }
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, response: problem(400, 'InvalidBody', 'The body is not valid JSON.') };
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: problem(400, 'InvalidBody', z.prettifyError(parsed.error)) };
  return { ok: true, value: parsed.data };
}

const tooLarge = (maxBytes: number) => problem(413, 'BodyTooLarge', `The body is over ${maxBytes / 1024} KB.`);

async function readLimited(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * The answer for a failure: PromotionError → its status and code (with the preflight, the open request's id or
 * the request as it now is); AwsCallError → 503/502 (always logged in full); the database down → 503; a value it
 * cannot store → 400; anything else is a bug → 500.
 */
export function errorResponse(error: unknown, user: User): Response {
  if (error instanceof PromotionError) {
    const { preflight, promotionId, promotion } = error.details;
    const details = {
      ...(preflight ? { preflight } : {}),
      ...(promotionId ? { promotionId } : {}),
      ...(promotion ? { promotion } : {}),
    };
    return json({ error: error.code, message: error.message, ...details }, error.status);
  }
  if (error instanceof AwsCallError) {
    console.error(`[promotion] ${error.message}`);
    const later = RETRY_LATER.test(error.code);
    const message = can(user.role, 'read-full-errors') ? error.message : describeAwsFailure(error);
    const response = problem(later ? 503 : 502, error.code, message);
    if (later) response.headers.set('Retry-After', '30');
    return response;
  }
  if (error instanceof StoreInputError)
    return problem(400, 'InvalidText', `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`);
  if (error instanceof StoreOpenError || error instanceof StoreUnavailableError) {
    // The database is down or unreachable: not tapdeck's bug, and over once it is back (the store retries).
    console.error(`[store] ${error.message}`);
    const message = can(user.role, 'read-full-errors')
      ? error.message
      : 'The tapdeck database is not answering; try again in a minute.';
    const response = problem(503, 'StoreUnavailable', message);
    response.headers.set('Retry-After', '30');
    return response;
  }
  console.error('[promotion] unexpected failure', error);
  return problem(500, 'InternalError', 'Something went wrong in tapdeck; the server log has the details.');
}

/** JSON with no caching: every answer here is about state that changes. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
