import { expect, test as setup } from '@playwright/test';
import { E2E_USERS, storageStateOf, type E2eLogin } from './users';

/**
 * Signs each local user in once through next-auth's own endpoints (CSRF token, then the credentials callback)
 * and saves the cookies, so every spec starts signed in as whoever it needs. The sign-in page itself is tested
 * in auth.spec.ts.
 */
for (const login of Object.keys(E2E_USERS) as E2eLogin[]) {
  setup(`sign in as ${login}`, async ({ request }) => {
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken, login, password: E2E_USERS[login].password, json: 'true' },
      maxRedirects: 0,
    });
    expect(res.status(), await res.text()).toBeLessThan(400);
    const session = (await (await request.get('/api/auth/session')).json()) as { user?: unknown };
    expect(session.user, `${login} has a session`).toBeTruthy();
    await request.storageState({ path: storageStateOf(login) });
  });
}
