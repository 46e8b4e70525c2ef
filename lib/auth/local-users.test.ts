import { describe, expect, it } from 'vitest';
import { findLocalUser, passwordsMatch, verifyLocalUser, type LocalUser } from './local-users';

const users: LocalUser[] = [
  { login: 'operator', role: 'operator', password: 'operator-pass' },
  { login: 'viewer', role: 'viewer', password: 'viewer-pass:with:colons' },
];

describe('verifyLocalUser', () => {
  it('signs in a known login with its password', () => {
    expect(verifyLocalUser(users, 'operator', 'operator-pass')).toEqual(users[0]);
    expect(verifyLocalUser(users, 'viewer', 'viewer-pass:with:colons')?.role).toBe('viewer');
  });

  it('takes the login in any case and with stray spaces, the password exactly', () => {
    expect(verifyLocalUser(users, ' Operator ', 'operator-pass')?.login).toBe('operator');
    expect(verifyLocalUser(users, 'operator', 'Operator-pass')).toBeNull();
    expect(verifyLocalUser(users, 'operator', 'operator-pass ')).toBeNull();
  });

  it('refuses a wrong password, a prefix of it, and another user’s password', () => {
    expect(verifyLocalUser(users, 'operator', 'wrong')).toBeNull();
    expect(verifyLocalUser(users, 'operator', 'operator-pas')).toBeNull();
    expect(verifyLocalUser(users, 'operator', 'viewer-pass:with:colons')).toBeNull();
  });

  it('refuses an unknown login, even with a password someone else has', () => {
    expect(verifyLocalUser(users, 'admin', 'operator-pass')).toBeNull();
    expect(verifyLocalUser(users, '', '')).toBeNull();
  });

  it('refuses missing or non-string credentials', () => {
    expect(verifyLocalUser(users, undefined, 'operator-pass')).toBeNull();
    expect(verifyLocalUser(users, 'operator', undefined)).toBeNull();
    expect(verifyLocalUser(users, ['operator'], 'operator-pass')).toBeNull();
  });
});

describe('passwordsMatch', () => {
  it('compares digests of equal length, so any two lengths compare without throwing', () => {
    // crypto.timingSafeEqual throws on buffers of different lengths; hashing first is what makes this safe.
    expect(passwordsMatch('a', 'a much longer password than that')).toBe(false);
    expect(passwordsMatch('', '')).toBe(true);
    expect(passwordsMatch('pässwörd', 'pässwörd')).toBe(true);
    expect(passwordsMatch('x'.repeat(10_000), 'x'.repeat(10_000))).toBe(true);
  });
});

describe('findLocalUser', () => {
  it('finds by lowercase login', () => {
    expect(findLocalUser(users, 'VIEWER')?.login).toBe('viewer');
    expect(findLocalUser(users, 'nobody')).toBeUndefined();
  });
});
