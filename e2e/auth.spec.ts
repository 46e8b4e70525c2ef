import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { dashboardUrl, E2E_PORT } from './env';
import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';
import { apiContext } from './tapstack';
import { E2E_USERS, storageStateOf, type E2eLogin } from './users';

/** Sign-in through the real form, the header it leads to, sign-out, and what sign-in must never do. */

async function signIn(page: Page, login: E2eLogin, password: string): Promise<void> {
  await page.getByLabel('Login', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the form refuses a wrong password inline, then signs in and returns where the visitor was going; sign-out ends it', async ({
    page,
  }) => {
    await page.goto('/audit');
    await expect(page).toHaveURL(`${dashboardUrl}/signin?callbackUrl=%2Faudit`);
    await expect(page.getByRole('heading', { name: 'Sign in to tapdeck' })).toBeVisible();
    await expect(page.getByRole('banner').getByText('Local demo users')).toBeVisible();

    await signIn(page, 'operator', 'not-the-password');
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong login or password' })).toBeVisible();
    await expect(page).toHaveURL(/\/signin\?/);
    await keepScreenshot(page, 'signin-wrong-password');

    await signIn(page, 'operator', E2E_USERS.operator.password);
    await expect(page).toHaveURL(`${dashboardUrl}/audit`);
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    const header = page.getByRole('banner');
    await expect(header.getByText('Signed in as operator')).toBeAttached();
    await expect(header.locator('[data-role="operator"]')).toHaveText('operator');
    await expect(header.getByText('Local demo users')).toBeVisible();
    await keepScreenshot(page, 'signed-in');

    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${dashboardUrl}/signin`);
    await expect(page.getByRole('heading', { name: 'Sign in to tapdeck' })).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(`${dashboardUrl}/signin?callbackUrl=%2F`);
    const session = await (await page.request.get('/api/auth/session')).json();
    expect(session).toEqual({});
  });

  for (const target of ['//evil.example', 'https://evil.example/steal', '/\\evil.example']) {
    test(`a callbackUrl of ${target} lands on the dashboard’s own /`, async ({ page }) => {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
      await signIn(page, 'viewer', E2E_USERS.viewer.password);
      await expect(page.getByRole('heading', { name: 'Stacks', level: 1 })).toBeVisible();
      expect(page.url()).toBe(`${dashboardUrl}/`);
    });
  }
});

test('sign-in never sends anyone off-site: the page and next-auth’s own callback keep to this origin', async ({ page }) => {
  // Already signed in (the default viewer): /signin sends the visitor on at once, to a path of this site only.
  for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    await expect(page.getByRole('heading', { name: 'Stacks', level: 1 })).toBeVisible();
    expect(page.url(), target).toBe(`${dashboardUrl}/`);
  }
  // next-auth's credentials callback, with a foreign callbackUrl: its answer points home.
  const anonymous = await apiContext('anonymous');
  try {
    const { csrfToken } = (await (await anonymous.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await anonymous.post('/api/auth/callback/credentials', {
      form: {
        csrfToken,
        login: 'viewer',
        password: E2E_USERS.viewer.password,
        callbackUrl: 'https://evil.example/steal',
        json: 'true',
      },
    });
    expect(res.status()).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(new URL(url).origin).toBe(dashboardUrl);
  } finally {
    await anonymous.dispose();
  }
});

/** The Cookie header of a saved session. */
function cookieOf(login: E2eLogin): string {
  const state = JSON.parse(readFileSync(storageStateOf(login), 'utf8')) as { cookies: Array<{ name: string; value: string }> };
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/**
 * Opens a live stream and returns once its headers arrived. Node's fetch, not a Playwright request context: those
 * read the whole body before answering, and an event stream never ends.
 */
async function openStream(
  login: E2eLogin,
  stackName: string,
): Promise<{ status: number; headers: Headers; body: string; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${E2E_PORT}/api/stacks/${stackName}/stream`, {
    headers: { cookie: cookieOf(login), accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const body = res.status === 200 ? '' : await res.text();
  return { status: res.status, headers: res.headers, body, close: () => controller.abort() };
}

test('a user’s 13th live stream at once is refused with 429; others are unaffected, and closing one frees its place', async () => {
  const open: Array<{ close(): void }> = [];
  try {
    for (let i = 1; i <= 12; i++) {
      const stream = await openStream('approver2', 'NoSuchStack');
      open.push(stream);
      expect(stream.status, `stream ${i}`).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
    }
    const thirteenth = await openStream('approver2', 'NoSuchStack');
    open.push(thirteenth);
    expect(thirteenth.status).toBe(429);
    expect(Number(thirteenth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(thirteenth.body)).toMatchObject({ error: 'TooManyStreams' });

    const someoneElse = await openStream('approver', 'NoSuchStack');
    open.push(someoneElse);
    expect(someoneElse.status).toBe(200);
  } finally {
    for (const stream of open) stream.close();
  }
  await expect
    .poll(
      async () => {
        const stream = await openStream('approver2', 'NoSuchStack');
        stream.close();
        return stream.status;
      },
      { timeout: 15_000 },
    )
    .toBe(200);
});
