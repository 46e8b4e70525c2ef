import type { Session } from 'next-auth';
import { describe, expect, it } from 'vitest';
import { readConfig } from '@/lib/config';
import { userFromSession } from './session-user';

const auth = readConfig({
  NEXTAUTH_SECRET: 'x'.repeat(32),
  NEXTAUTH_URL: 'https://tapdeck.example.com',
  TAPDECK_LOCAL_USERS: 'ops:operator:ops-password',
  TAPDECK_GITHUB_ID: 'id',
  TAPDECK_GITHUB_SECRET: 'secret',
  TAPDECK_ROLES: 'approver=github:octocat',
}).auth;

const session = (identity: Session['identity']): Session => ({ expires: '2099-01-01T00:00:00Z', identity });

describe('userFromSession', () => {
  it('resolves the role from the configuration, not from the cookie', () => {
    expect(userFromSession(session({ provider: 'github', id: '583231', login: 'octocat', name: 'The Octocat' }), auth)).toEqual({
      id: 'github:octocat',
      name: 'The Octocat',
      email: undefined,
      provider: 'github',
      role: 'approver',
    });
    expect(userFromSession(session({ provider: 'local', id: 'ops', login: 'ops', name: 'ops' }), auth)).toMatchObject({
      id: 'local:ops',
      role: 'operator',
    });
  });

  it('is null when anonymous, when nobody gave the identity a role, or for a malformed identity', () => {
    expect(userFromSession(null, auth)).toBeNull();
    expect(userFromSession(session(undefined), auth)).toBeNull();
    expect(userFromSession(session({ provider: 'github', id: '1', login: 'stranger', name: 'stranger' }), auth)).toBeNull();
    expect(userFromSession(session({ provider: 'saml', id: 'x', name: 'x' } as never), auth)).toBeNull();
  });

  it('names OIDC users by their subject', () => {
    const withOidc = { ...auth, roleRules: [{ role: 'viewer' as const, who: '*' }] };
    expect(userFromSession(session({ provider: 'oidc', id: 'sub-1', name: 'Ada', email: 'ada@example.com' }), withOidc)?.id).toBe(
      'oidc:sub-1',
    );
  });
});
