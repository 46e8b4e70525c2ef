import { NextResponse, type NextRequest } from 'next/server';
import { hasSessionToken } from '@/lib/auth/session-token';
import { buildCsp, createNonce, reachedOverHttps, STRICT_TRANSPORT_SECURITY } from '@/lib/security/csp';

/**
 * Two conveniences before a route runs: anonymous page visits go to /signin (and come back afterwards), and
 * every response gets a per-request CSP nonce. Neither protects data: every page, route handler and action
 * calls the guard (lib/auth/guard.ts) itself. The headers that never change (nosniff, frame and referrer
 * policies) come from next.config.js, which also covers the static assets this matcher skips.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = reachedOverHttps(request.nextUrl.protocol, request.headers.get('x-forwarded-proto'));
  const csp = buildCsp({ nonce: createNonce(), dev: process.env.NODE_ENV === 'development', https });

  let response: NextResponse;
  // Only page reads: API routes answer 401 themselves, and a 307 would replay a server action's POST at /signin.
  const readsPage =
    (request.method === 'GET' || request.method === 'HEAD') && !pathname.startsWith('/api/') && !isPublic(pathname);
  if (readsPage && !(await hasSessionToken(request))) {
    const query = new URLSearchParams(search);
    query.delete('_rsc'); // a client navigation's cache-busting parameter is not where the user was going
    const signIn = new URL('/signin', request.url);
    signIn.searchParams.set('callbackUrl', `${pathname}${query.size ? `?${query}` : ''}`);
    response = NextResponse.redirect(signIn);
  } else {
    // Next finds the nonce in the request's CSP header while rendering and puts it on its own scripts.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set('Content-Security-Policy', csp);
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

/** The icons and the web manifest: browsers fetch them without cookies, and the sign-in page shows them too. */
const PUBLIC_ASSETS = /^\/(?:favicon\.ico|icon\.svg|apple-touch-icon\.png|icon(?:-maskable)?-\d+\.png|manifest\.webmanifest)$/;

function isPublic(pathname: string): boolean {
  return pathname === '/signin' || pathname.startsWith('/_next/') || PUBLIC_ASSETS.test(pathname);
}

export const config = {
  // Static build output and the favicon skip the proxy (no nonce to give them); next.config.js headers cover them.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico).*)'],
};
