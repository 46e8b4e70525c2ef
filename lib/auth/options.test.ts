import { describe, expect, it } from 'vitest';
import type { JWT } from 'next-auth/jwt';
import { authOptions } from './options';

const { redirect, jwt } = authOptions.callbacks!;
const baseUrl = 'http://localhost:3999';

describe('authOptions.callbacks.redirect', () => {
  it.each([
    ['/stacks/TapStack-dev', `${baseUrl}/stacks/TapStack-dev`],
    [`${baseUrl}/audit?page=2`, `${baseUrl}/audit?page=2`],
    ['https://evil.example/', baseUrl],
    ['//evil.example', baseUrl],
    ['/..//evil.example', `${baseUrl}/`],
  ])('%s → %s', async (url, expected) => {
    expect(await redirect!({ url, baseUrl })).toBe(expected);
  });
});

describe('authOptions.callbacks.jwt', () => {
  it('keeps only the identity in the cookie at sign-in, and the token as is afterwards', async () => {
    const identity = { provider: 'local' as const, id: 'ops', login: 'ops', name: 'ops' };
    const signedIn = await jwt!({
      token: { name: 'ops', email: null, sub: 'ops' },
      user: { id: 'ops', identity },
      account: null,
    });
    expect(signedIn).toEqual({ identity });
    const later: JWT = { identity };
    expect(await jwt!({ token: later, user: undefined as never, account: null })).toBe(later);
  });
});

describe('authOptions', () => {
  it('uses JWT sessions of 12 hours and the tapdeck sign-in page for errors too', () => {
    expect(authOptions.session).toEqual({ strategy: 'jwt', maxAge: 43_200 });
    expect(authOptions.jwt?.maxAge).toBe(43_200);
    expect(authOptions.pages).toEqual({ signIn: '/signin', error: '/signin' });
  });

  it('offers the local users only while TAPDECK_LOCAL_USERS is set (vitest.config.ts sets it)', () => {
    expect(authOptions.providers.map((provider) => provider.id)).toEqual(['credentials']);
    expect(authOptions.useSecureCookies).toBe(false);
  });
});
