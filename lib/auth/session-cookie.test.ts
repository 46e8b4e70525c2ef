import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { readConfig } from '@/lib/config';
import { checkPermission } from './permission-check';
import type { Identity } from './resolve-role';
import { parseCookieHeader, sessionFromCookies, userFromCookieHeader } from './session-cookie';

const env = { NEXTAUTH_SECRET: 's'.repeat(40), TAPDECK_LOCAL_USERS: 'ops:operator:ops-password,eve:viewer:eve-password' };
const auth = readConfig(env).auth;
const httpsAuth = readConfig({ ...env, NEXTAUTH_URL: 'https://tapdeck.example.com' }).auth;
const ops = { provider: 'local' as const, id: 'ops', login: 'ops', name: 'ops' };
const tokenFor = (identity: Identity, secret = auth.secret) => encode({ token: { identity }, secret });

describe('the session cookie, read as next-auth reads it', () => {
  it('gives the user the configuration names, with their role', async () => {
    const cookie = `theme=dark; next-auth.session-token=${await tokenFor(ops)}`;
    expect(await userFromCookieHeader(cookie, auth)).toEqual({
      id: 'local:ops',
      name: 'ops',
      provider: 'local',
      role: 'operator',
    });
  });

  it('joins a token next-auth split into chunks, in their order', async () => {
    const token = await tokenFor(ops);
    const at = Math.floor(token.length / 2);
    const cookie = `next-auth.session-token.1=${token.slice(at)}; next-auth.session-token.0=${token.slice(0, at)}`;
    expect((await userFromCookieHeader(cookie, auth))?.id).toBe('local:ops');
  });

  it('is null for no cookie, another secret, garbage, an expired token, or the http name when the URL is https', async () => {
    const expired = await encode({ token: { identity: ops }, secret: auth.secret, maxAge: -60 });
    expect(await userFromCookieHeader(undefined, auth)).toBeNull();
    expect(await userFromCookieHeader(`next-auth.session-token=${await tokenFor(ops, 'x'.repeat(40))}`, auth)).toBeNull();
    expect(await userFromCookieHeader('next-auth.session-token=not.a.token', auth)).toBeNull();
    expect(await userFromCookieHeader(`next-auth.session-token=${expired}`, auth)).toBeNull();
    const token = await tokenFor(ops);
    expect(await userFromCookieHeader(`next-auth.session-token=${token}`, httpsAuth)).toBeNull();
    expect((await userFromCookieHeader(`__Secure-next-auth.session-token=${token}`, httpsAuth))?.id).toBe('local:ops');
  });

  it('is null for a valid cookie whose user the configuration no longer has', async () => {
    const gone = { provider: 'local' as const, id: 'mallory', login: 'mallory', name: 'mallory' };
    expect(await sessionFromCookies(new Map([['next-auth.session-token', await tokenFor(gone)]]), auth)).toMatchObject({
      identity: gone,
    });
    expect(await userFromCookieHeader(`next-auth.session-token=${await tokenFor(gone)}`, auth)).toBeNull();
  });

  it("parses a Cookie header as Next's request cookies do: decoded values, the last of a repeated name", () => {
    expect([...parseCookieHeader('a=1;  b=x%20y; a=2; flag')]).toEqual([
      ['a', '2'],
      ['b', 'x y'],
      ['flag', 'true'],
    ]);
  });
});

describe('checkPermission', () => {
  it('answers 401 for nobody and 403 for a role without the permission, in the words the guard uses', () => {
    expect(checkPermission(null, 'read')).toEqual({
      ok: false,
      status: 401,
      error: 'Unauthorized',
      message: 'Sign in to use tapdeck.',
    });
    const viewer = { id: 'local:eve', name: 'eve', provider: 'local' as const, role: 'viewer' as const };
    expect(checkPermission(viewer, 'read')).toEqual({ ok: true, user: viewer });
    expect(checkPermission(viewer, 'approve')).toEqual({
      ok: false,
      status: 403,
      error: 'Forbidden',
      message: 'Your role (viewer) may not approve or reject promotions.',
    });
  });
});
