/**
 * Signs a local user in to a running dashboard over plain HTTP, as e2e/auth.setup.ts does it with Playwright:
 * next-auth's CSRF token, then its credentials callback. Returns the Cookie header of the session, for the
 * benchmarks and the multi-instance harness.
 */
export async function signInLocalUser(url: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([key, value]) => `${key}=${value}`).join('; ');
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, login, password, json: 'true' }),
  });
  keep(res);
  if (res.status >= 400) throw new Error(`sign-in as ${login} failed: ${res.status} ${await res.text()}`);
  if (![...jar.keys()].some((key) => key.includes('session-token'))) throw new Error(`sign-in as ${login} set no session cookie`);
  return header();
}
