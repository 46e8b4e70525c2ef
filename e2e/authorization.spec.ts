import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { dashboardUrl, E2E_DB_PATH } from './env';
import { expect, test, type LocalAws } from './fixtures';
import { apiContext } from './tapstack';

/**
 * Every page and route handler, as every role, with and without the header that once let requests skip Next's
 * middleware (CVE-2025-29927): the guard inside each of them answers, whatever the proxy did. The cases are
 * chosen so an allowed caller gets past the guard and then finds nothing to change (a stack or request that does
 * not exist, a bad stack name): afterwards localaws saw no write and the audit log has no new entry.
 */

const ROLES = ['anonymous', 'viewer', 'operator', 'approver', 'admin'] as const;
type Caller = (typeof ROLES)[number];

const STACK = 'NoSuchStack';
const PROMOTION = '00000000-0000-4000-8000-000000000000';

/** The stack page's sections: for a stack that does not exist each answers 404 (and waits for the stack). */
const SECTIONS = ['events', 'timeline', 'resources', 'parameters', 'change-sets', 'alarms', 'executions', 'activity', 'cmk'];
const PAGES = [
  '/',
  `/stacks/${STACK}`,
  ...SECTIONS.map((section) => `/stacks/${STACK}/${section}`),
  `/stacks/${STACK}/promotions/${PROMOTION}`,
  '/audit',
];

/** Who holds each permission (lib/auth/roles.ts, README "Sign-in, roles and promotion"). */
const READ: Caller[] = ['viewer', 'operator', 'approver', 'admin'];
const OPERATE: Caller[] = ['operator', 'admin'];
const APPROVE: Caller[] = ['approver', 'admin'];

interface RouteCase {
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, unknown>;
  /** roles the guard lets through; the others get 403 (anonymous: 401) */
  allowed: Caller[];
  /** what an allowed caller gets: proof the handler ran past the guard and found nothing to change */
  passed: number;
}

const ROUTES: RouteCase[] = [
  { method: 'GET', path: `/api/stacks/${STACK}/preflight`, allowed: READ, passed: 404 },
  { method: 'GET', path: `/api/stacks/${STACK}/promotions`, allowed: READ, passed: 200 },
  { method: 'POST', path: `/api/stacks/${STACK}/promotions`, body: { comment: 'authz walk' }, allowed: OPERATE, passed: 404 },
  { method: 'POST', path: `/api/stacks/${STACK}/dry-runs`, body: {}, allowed: OPERATE, passed: 404 },
  { method: 'POST', path: `/api/stacks/${STACK}/demote`, body: {}, allowed: OPERATE, passed: 404 },
  // A name CloudFormation refuses: 400 before any stream opens or poller starts.
  { method: 'GET', path: '/api/stacks/1bad/stream', allowed: READ, passed: 400 },
  { method: 'GET', path: '/api/stacks/1bad/cmk/stream', allowed: READ, passed: 400 },
  {
    method: 'POST',
    path: `/api/stacks/${STACK}/alarms/NoSuchAlarm/acknowledge`,
    body: { note: 'authz walk' },
    allowed: OPERATE,
    passed: 404,
  },
  {
    method: 'POST',
    path: `/api/stacks/${STACK}/alarms/NoSuchAlarm/mute`,
    body: { reason: 'authz walk', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    allowed: OPERATE,
    passed: 404,
  },
  { method: 'POST', path: `/api/stacks/${STACK}/alarms/NoSuchAlarm/unmute`, body: {}, allowed: OPERATE, passed: 404 },
  { method: 'GET', path: `/api/stacks/${STACK}/alarms/NoSuchAlarm`, allowed: READ, passed: 404 },
  // Changes nothing (CloudWatch Logs TestMetricFilter), so every signed-in role may try a pattern.
  {
    method: 'POST',
    path: `/api/stacks/${STACK}/cmk/test-pattern`,
    body: { filterPattern: 'ERROR', lines: ['an ERROR line'] },
    allowed: READ,
    passed: 200,
  },
  { method: 'GET', path: `/api/promotions/${PROMOTION}`, allowed: READ, passed: 404 },
  { method: 'POST', path: `/api/promotions/${PROMOTION}/approve`, body: {}, allowed: APPROVE, passed: 404 },
  { method: 'POST', path: `/api/promotions/${PROMOTION}/reject`, body: { comment: 'authz walk' }, allowed: APPROVE, passed: 404 },
  { method: 'POST', path: `/api/promotions/${PROMOTION}/execute`, body: {}, allowed: APPROVE, passed: 404 },
  { method: 'POST', path: `/api/promotions/${PROMOTION}/cancel`, body: {}, allowed: OPERATE, passed: 404 },
];

/** The wrong method on each route: 405 for everyone, anonymous included (nothing to guard). */
const WRONG_METHOD: Array<{ method: 'GET' | 'POST'; path: string }> = [
  { method: 'GET', path: `/api/stacks/${STACK}/dry-runs` },
  { method: 'GET', path: `/api/stacks/${STACK}/demote` },
  { method: 'GET', path: `/api/promotions/${PROMOTION}/approve` },
  { method: 'GET', path: `/api/promotions/${PROMOTION}/reject` },
  { method: 'GET', path: `/api/promotions/${PROMOTION}/execute` },
  { method: 'GET', path: `/api/promotions/${PROMOTION}/cancel` },
  { method: 'POST', path: `/api/stacks/${STACK}/preflight` },
  { method: 'GET', path: `/api/stacks/${STACK}/alarms/NoSuchAlarm/acknowledge` },
  { method: 'GET', path: `/api/stacks/${STACK}/alarms/NoSuchAlarm/mute` },
  { method: 'GET', path: `/api/stacks/${STACK}/alarms/NoSuchAlarm/unmute` },
  { method: 'GET', path: `/api/stacks/${STACK}/cmk/test-pattern` },
  { method: 'POST', path: `/api/stacks/${STACK}/alarms/NoSuchAlarm` },
  { method: 'POST', path: `/api/promotions/${PROMOTION}` },
];

/** AWS writes tapdeck can make, as localaws counts them (`<signing name>:<Operation>`). */
const AWS_WRITES = [
  'cloudformation:CreateChangeSet',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:DeleteChangeSet',
  'cloudformation:UpdateStack',
  'states:StartExecution',
];

const FORGED_HEADERS: Record<string, Record<string, string>> = {
  'no extra header': {},
  'x-middleware-subrequest (middleware form)': {
    'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
  },
  'x-middleware-subrequest (proxy form)': { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
};

/** Rows in the dashboard's store, read-only from its SQLite file (it may not exist before the first write). */
function storeRows(): { audit: number; promotions: number } {
  if (!existsSync(E2E_DB_PATH)) return { audit: 0, promotions: 0 };
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { audit: count('audit'), promotions: count('promotions') };
  } finally {
    db.close();
  }
}

async function awsWrites(localaws: LocalAws): Promise<Record<string, number>> {
  const counts = await localaws.requestCounts();
  return Object.fromEntries(AWS_WRITES.map((op) => [op, counts[op] ?? 0]));
}

function send(
  api: APIRequestContext,
  method: 'GET' | 'POST',
  path: string,
  body?: Record<string, unknown>,
): Promise<APIResponse> {
  return method === 'GET' ? api.get(path) : api.post(path, { data: body ?? {} });
}

/** A CSP with a per-request nonce that no page may frame, and nosniff: on every answer. */
function expectSecurityHeaders(res: APIResponse, what: string): void {
  const csp = res.headers()['content-security-policy'] ?? '';
  expect.soft(csp, `${what}: CSP with a nonce`).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect.soft(csp, `${what}: frame-ancestors 'none'`).toContain("frame-ancestors 'none'");
  expect.soft(res.headers()['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
}

for (const [variant, headers] of Object.entries(FORGED_HEADERS)) {
  test(`every page and route answers each role as the guard says (${variant}), and nothing changes`, async ({ localaws }) => {
    const rowsBefore = storeRows();
    const writesBefore = await awsWrites(localaws);

    for (const caller of ROLES) {
      const api = await apiContext(caller === 'anonymous' ? 'anonymous' : caller, headers);
      try {
        for (const page of PAGES) {
          const res = await api.get(page);
          const what = `${caller} GET ${page}`;
          expectSecurityHeaders(res, what);
          if (caller === 'anonymous') {
            expect.soft(res.status(), what).toBe(307);
            const location = new URL(res.headers().location ?? '', dashboardUrl);
            expect
              .soft(`${location.pathname}?callbackUrl=${location.searchParams.get('callbackUrl')}`, what)
              .toBe(`/signin?callbackUrl=${page}`);
          } else {
            expect.soft(res.status(), what).toBe(page.startsWith('/stacks/') ? 404 : 200);
          }
        }
        for (const route of ROUTES) {
          const res = await send(api, route.method, route.path, route.body);
          const what = `${caller} ${route.method} ${route.path}`;
          expectSecurityHeaders(res, what);
          const expected = caller === 'anonymous' ? 401 : route.allowed.includes(caller) ? route.passed : 403;
          expect.soft(res.status(), `${what}: ${await res.text()}`).toBe(expected);
        }
        for (const route of WRONG_METHOD) {
          const res = await send(api, route.method, route.path);
          const what = `${caller} ${route.method} ${route.path}`;
          expectSecurityHeaders(res, what);
          expect.soft(res.status(), what).toBe(405);
        }
      } finally {
        await api.dispose();
      }
    }

    expect(await awsWrites(localaws), 'AWS writes during the walk').toEqual(writesBefore);
    expect(storeRows(), 'audit entries and promotion requests after the walk').toEqual(rowsBefore);
  });
}

test('a write from another site is refused with the operator’s own cookie, and changes nothing', async ({ localaws }) => {
  const rowsBefore = storeRows();
  const writesBefore = await awsWrites(localaws);
  const crossSite: Array<Record<string, string>> = [
    { Origin: 'http://evil.example' },
    { 'Sec-Fetch-Site': 'cross-site' },
    { 'Sec-Fetch-Site': 'same-site' },
    { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
  ];
  for (const [caller, path, body] of [
    ['operator', `/api/stacks/${STACK}/dry-runs`, {}],
    ['operator', `/api/stacks/${STACK}/promotions`, {}],
    ['operator', `/api/stacks/${STACK}/demote`, {}],
    ['approver', `/api/promotions/${PROMOTION}/approve`, {}],
  ] as const) {
    const api = await apiContext(caller);
    try {
      for (const headers of crossSite) {
        const res = await api.post(path, { data: body, headers });
        const what = `${caller} POST ${path} with ${JSON.stringify(headers)}`;
        expect.soft(res.status(), what).toBe(403);
        expect.soft(await res.json(), what).toMatchObject({ error: 'CrossSiteRequest' });
      }
      // The same call from the dashboard's own origin gets past that check (and finds nothing to change).
      const own = await api.post(path, { data: body, headers: { Origin: dashboardUrl, 'Sec-Fetch-Site': 'same-origin' } });
      expect.soft(own.status(), `${caller} POST ${path} from ${dashboardUrl}`).toBe(404);
    } finally {
      await api.dispose();
    }
  }
  expect(await awsWrites(localaws)).toEqual(writesBefore);
  expect(storeRows()).toEqual(rowsBefore);
});

test('each page load gets a fresh CSP nonce, and the page’s scripts carry it', async ({ request }) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await request.get('/audit');
    expect(res.status()).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    const scriptNonces = new Set([...html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]));
    expect([...scriptNonces]).toEqual([nonce]);
    nonces.push(nonce!);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});
