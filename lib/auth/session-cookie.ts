import type { Session } from 'next-auth';
import { parseCookie } from 'next/dist/compiled/@edge-runtime/cookies';
import { getToken } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';
import type { User } from './roles';
import { usesSecureCookies } from './session-token';
import { userFromSession } from './session-user';

/** Cookies as next/headers' `cookies()` gives them, or as parsed from a raw Cookie header. */
export type RequestCookies = { getAll(): Array<{ name: string; value: string }> } | ReadonlyMap<string, string>;

/**
 * The session a request's cookies carry, or null: the one cookie → session step behind every check, for pages
 * and route handlers (lib/auth/guard.ts) and for the live streams served outside Next (lib/live/stream-endpoints.ts).
 *
 * It does what next-auth's getServerSession does for a JWT session, without its request plumbing: next-auth's
 * own cookie reader (the `__Secure-` name over https, a large token split into `.0`, `.1` … chunks) and its own
 * decoder (the JWE signed and encrypted with NEXTAUTH_SECRET, expired tokens refused), then what options.ts's
 * jwt and session callbacks make of the token: the identity alone, the role resolved later from the configuration.
 * Only cookies count: getToken's `Authorization: Bearer` fallback is kept out by giving it no other headers.
 */
export async function sessionFromCookies(cookies: RequestCookies, auth = getConfig().auth): Promise<Session | null> {
  const token = await getToken({
    // next-auth reads `getAll()` and Maps alike (its SessionStore); its type names only Next's request objects.
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: auth.secret,
    secureCookie: usesSecureCookies(auth.url),
  });
  if (!token) return null;
  const expires = typeof token.exp === 'number' ? new Date(token.exp * 1_000).toISOString() : '';
  return { expires, identity: token.identity };
}

/** The signed-in user a raw Cookie header stands for, with the role the configuration gives them now; null if none. */
export async function userFromCookieHeader(header: string | undefined, auth = getConfig().auth): Promise<User | null> {
  return userFromSession(await sessionFromCookies(parseCookieHeader(header), auth), auth);
}

/**
 * `a=1; b=2` → Map, by the parser behind Next's own request cookies (and so behind `cookies()` in a page): the
 * same splitting, URL-decoding and last-one-wins for a repeated name, so both paths see the same session cookie.
 */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  return parseCookie(header ?? '');
}
