import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';

/**
 * Secure cookies (and next-auth's `__Secure-` cookie names) exactly when the dashboard's public URL is https:
 * options.ts sets next-auth's `useSecureCookies` from this and proxy.ts looks for the cookie by the same rule.
 */
export function usesSecureCookies(publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https://') ?? false;
}

/**
 * Whether the request carries a session cookie this server signed and that has not expired. For proxy.ts's
 * redirect only: it says nothing about the role, which every page and handler resolves through the guard.
 */
export async function hasSessionToken(request: NextRequest): Promise<boolean> {
  const { secret, url } = getConfig().auth;
  const token = await getToken({ req: request, secret, secureCookie: usesSecureCookies(url) });
  return token !== null;
}
