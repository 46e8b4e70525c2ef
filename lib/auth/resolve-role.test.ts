import { describe, expect, it } from 'vitest';
import { readConfig } from '@/lib/config';
import { describeIdentity, resolveRole, type Identity } from './resolve-role';

/** Rules as lib/config.ts parses TAPDECK_ROLES, so the tests also pin the format people write. */
const rulesFrom = (roles: string) =>
  readConfig({ NEXTAUTH_SECRET: 'x'.repeat(32), TAPDECK_LOCAL_USERS: 'ops:operator:ops-password', TAPDECK_ROLES: roles }).auth;

const github = (login: string, extra: Partial<Identity> = {}): Identity => ({
  provider: 'github',
  id: '583231',
  login,
  name: login,
  ...extra,
});
const oidc = (extra: Partial<Identity> = {}): Identity => ({ provider: 'oidc', id: 'sub-1', name: 'Ada', ...extra });

describe('resolveRole', () => {
  it('matches emails case-insensitively', () => {
    const { roleRules } = rulesFrom('approver=Ada@Example.COM');
    expect(resolveRole(oidc({ email: 'ada@example.com' }), roleRules)).toBe('approver');
    expect(resolveRole(oidc({ email: 'ADA@EXAMPLE.COM' }), roleRules)).toBe('approver');
    expect(resolveRole(oidc({ email: 'ada@example.org' }), roleRules)).toBeNull();
  });

  it('matches github:<login> only for GitHub users, whatever the case', () => {
    const { roleRules } = rulesFrom('operator=github:OctoCat');
    expect(resolveRole(github('octocat'), roleRules)).toBe('operator');
    expect(resolveRole(github('OCTOCAT'), roleRules)).toBe('operator');
    // An OIDC user whose name happens to be the login gets nothing from a github: rule.
    expect(resolveRole(oidc({ name: 'octocat' }), roleRules)).toBeNull();
  });

  it('matches group:<name> against the OIDC groups claim only', () => {
    const { roleRules } = rulesFrom('admin=group:Platform-Admins');
    expect(resolveRole(oidc({ groups: ['staff', 'platform-admins'] }), roleRules)).toBe('admin');
    expect(resolveRole(oidc({ groups: ['staff'] }), roleRules)).toBeNull();
    expect(resolveRole(github('platform-admins'), roleRules)).toBeNull();
  });

  it('gives * to everyone who signs in with a provider', () => {
    const { roleRules } = rulesFrom('viewer=*');
    expect(resolveRole(github('anyone'), roleRules)).toBe('viewer');
    expect(resolveRole(oidc(), roleRules)).toBe('viewer');
  });

  it('lets the highest matching role win, whatever the order of the rules', () => {
    const { roleRules } = rulesFrom('admin=group:sre;viewer=*;operator=ada@example.com');
    expect(resolveRole(oidc({ email: 'ada@example.com' }), roleRules)).toBe('operator');
    expect(resolveRole(oidc({ email: 'ada@example.com', groups: ['sre'] }), roleRules)).toBe('admin');
    expect(resolveRole(oidc({ email: 'bob@example.com' }), roleRules)).toBe('viewer');
  });

  it('gives nobody-matched no role', () => {
    expect(resolveRole(github('stranger'), rulesFrom('admin=ada@example.com').roleRules)).toBeNull();
    expect(resolveRole(github('stranger'), [])).toBeNull();
  });

  it('gives local users their configured role, and nothing once they leave TAPDECK_LOCAL_USERS', () => {
    const { roleRules, localUsers } = rulesFrom('admin=*');
    const local: Identity = { provider: 'local', id: 'ops', login: 'ops', name: 'ops' };
    // `*` is for provider sign-ins; a local user's role is the one next to their password.
    expect(resolveRole(local, roleRules, localUsers)).toBe('operator');
    expect(resolveRole({ ...local, id: 'gone', login: 'gone' }, roleRules, localUsers)).toBeNull();
  });
});

describe('describeIdentity', () => {
  it('names the handles an admin can put in TAPDECK_ROLES', () => {
    expect(describeIdentity(github('octocat', { email: 'o@example.com' }))).toBe(
      'github user octocat (o@example.com, github:octocat)',
    );
    expect(describeIdentity(oidc({ groups: ['sre'] }))).toBe('oidc user Ada (groups group:sre)');
    expect(describeIdentity(oidc())).toBe('oidc user Ada (id sub-1)');
  });
});
