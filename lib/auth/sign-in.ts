/**
 * What next-auth/react's `signIn` does, without next-auth/react (about 9 KB gzipped, most of the sign-in page's own
 * JavaScript, for two requests): fetch the CSRF token, then POST the form to next-auth's handler asking for the
 * redirect as JSON (`X-Auth-Return-Redirect`). Credentials post to the callback; other providers to their sign-in
 * URL, which answers with the provider's authorization URL. The counterpart of sign-out.ts.
 */
export async function postSignIn(
  provider: 'credentials' | 'github' | 'oidc',
  callbackUrl: string,
  fields: Record<string, string> = {},
): Promise<{ ok: boolean; url: string; error: string | null }> {
  const csrf = await fetch('/api/auth/csrf', { cache: 'no-store' });
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`/api/auth/${provider === 'credentials' ? 'callback' : 'signin'}/${provider}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
    body: new URLSearchParams({ ...fields, csrfToken, callbackUrl, json: 'true' }),
  });
  const { url = callbackUrl } = (await res.json()) as { url?: string };
  return { ok: res.ok, url, error: new URL(url, window.location.href).searchParams.get('error') };
}
