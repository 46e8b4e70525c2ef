import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles';

/**
 * The embedded demo users of TAPDECK_LOCAL_USERS (`login:role:password,…`, parsed by lib/config.ts). They exist
 * so `npm run local` and the tests can sign in without an identity provider; the header shows an amber badge
 * while they are on.
 */
export interface LocalUser {
  login: string;
  role: Role;
  password: string;
}

/** Logins are lowercase (lib/config.ts); what people type may not be. */
export function findLocalUser(users: readonly LocalUser[], login: string): LocalUser | undefined {
  const wanted = login.trim().toLowerCase();
  return users.find((user) => user.login === wanted);
}

/** Compared against when the login is unknown: random per process, so no typed password can equal it. */
const UNKNOWN_LOGIN_PASSWORD = randomBytes(32).toString('hex');

/**
 * The local user with this login and password, or null. Passwords are compared in constant time (both sides
 * hashed to 32 bytes first, so their lengths leak nothing either), and an unknown login costs the same compare,
 * so timing tells an attacker neither which logins exist nor how much of a password was right.
 */
export function verifyLocalUser(users: readonly LocalUser[], login: unknown, password: unknown): LocalUser | null {
  if (typeof login !== 'string' || typeof password !== 'string') return null;
  const user = findLocalUser(users, login);
  const same = passwordsMatch(password, user?.password ?? UNKNOWN_LOGIN_PASSWORD);
  return user && same ? user : null;
}

export function passwordsMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
