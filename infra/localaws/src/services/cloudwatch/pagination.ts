/**
 * NextToken for CloudWatch's list operations: an offset bound to a fingerprint of the request's filters, so a
 * token from one query is refused (InvalidNextToken) by another instead of silently skipping items.
 */
import { createHash } from 'node:crypto';
import { InvalidNextToken } from './errors';

function fingerprint(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(request ?? null))
    .digest('hex')
    .slice(0, 16);
}

export function encodeToken(offset: number, request: unknown): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint(request) })).toString('base64url');
}

export function decodeToken(token: string | undefined, request: unknown): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.f === fingerprint(request))
      return parsed.o;
  } catch {
    // fall through to the refusal below
  }
  throw new InvalidNextToken();
}

/** One page of `items` starting at the token's offset, with the token for the next page when there is one. */
export function paginate<T>(
  items: T[],
  token: string | undefined,
  pageSize: number,
  request: unknown,
): { page: T[]; nextToken?: string } {
  const offset = decodeToken(token, request);
  const page = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return { page, nextToken: next < items.length ? encodeToken(next, request) : undefined };
}
