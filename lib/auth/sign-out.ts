/**
 * next-auth's sign-out from the browser, without next-auth/react (≈9 KB gzipped with its Babel runtime, on every
 * page through the header): its CSRF token, then the POST that clears the session cookie. Throws when either
 * request fails, so the caller can leave the button to try again.
 */
export async function signOutRequest(): Promise<void> {
  const csrf = await fetch('/api/auth/csrf', { cache: 'no-store' });
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/signin', json: 'true' }),
  });
  if (!res.ok) throw new Error(`POST /api/auth/signout answered ${res.status}`);
}
