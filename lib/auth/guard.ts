import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Identity } from './resolve-role';
import { safeReturnPath } from './return-path';
import { checkPermission } from './permission-check';
import type { Permission, User } from './roles';
import { sessionFromCookies } from './session-cookie';
import { identityFromSession, userFromSession } from './session-user';

export { safeReturnPath };

/**
 * The one guard. Every page and route handler calls it before reading or writing (the live streams, served beside
 * Next by lib/live/stream-endpoints.ts, call the same cookie and refusal steps: session-cookie.ts, permission-check.ts):
 * proxy.ts redirects anonymous visitors as a convenience, but it is never the only check (a forged
 * `x-middleware-subrequest` once skipped Next middleware entirely, CVE-2025-29927).
 */

/** The session cookie read the same way as by the live streams served outside Next (session-cookie.ts). */
const currentSession = cache(async () => sessionFromCookies(await cookies()));

/** The signed-in user for this request, with the role the current configuration gives them; null if anonymous. */
export const currentUser = cache(async (): Promise<User | null> => userFromSession(await currentSession()));

/**
 * Who is signed in, whether or not the configuration gives them a role: only the sign-in page uses it, to say
 * "signed in as X, but no role" instead of showing the form again. Never use it to allow anything.
 */
export const currentIdentity = cache(async (): Promise<Identity | null> => identityFromSession(await currentSession()));

/** For pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo = '/'): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(safeReturnPath(returnTo))}`);
  return user;
}

export type RouteGuard = { ok: true; user: User } | { ok: false; response: Response };

/**
 * For route handlers: 401 when anonymous, 403 when the role lacks `permission`, and for anything but GET/HEAD a
 * 403 when the request comes from another site (a page the user visits can POST to 127.0.0.1 with their cookie;
 * browsers always send Origin on such requests, and Sec-Fetch-Site where they support it).
 */
export async function guardRoute(request: Request, permission: Permission): Promise<RouteGuard> {
  const writes = request.method !== 'GET' && request.method !== 'HEAD';
  if (writes) {
    const refusal = crossSiteRefusal(request);
    if (refusal) return { ok: false, response: problem(403, 'CrossSiteRequest', refusal) };
  }
  const check = checkPermission(await currentUser(), permission);
  if (!check.ok) return { ok: false, response: problem(check.status, check.error, check.message) };
  return { ok: true, user: check.user };
}

/** Why a state-changing request is refused as cross-site, or null when it comes from this dashboard. */
export function crossSiteRefusal(request: Request): string | null {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none')
    return `Refused: the request came from another site (Sec-Fetch-Site: ${site}).`;
  const origin = request.headers.get('origin');
  if (origin && origin !== ownOrigin(request)) return `Refused: the request came from ${origin}, not from this dashboard.`;
  return null;
}

/** This dashboard's origin as the browser sees it: the Host the request was sent to. */
function ownOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get('host') ?? url.host;
  return `${url.protocol}//${host}`;
}

export function problem(status: number, error: string, message: string): Response {
  return Response.json({ error, message }, { status, headers: { 'Cache-Control': 'no-store' } });
}
