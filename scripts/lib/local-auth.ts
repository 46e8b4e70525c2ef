import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './local-env';

/**
 * The embedded default's sign-in: a session secret and five local users (a viewer, an operator, two approvers,
 * an admin) with generated passwords, made once and kept in .tapdeck/local-auth.json (git-ignored, mode 600) so
 * sessions and passwords survive a restart. Only `npm run local` and the tests turn local users on.
 */
export interface LocalUser {
  login: string;
  role: 'viewer' | 'operator' | 'approver' | 'admin';
  password: string;
}

export interface LocalAuth {
  secret: string;
  users: LocalUser[];
}

const ROSTER: Array<Pick<LocalUser, 'login' | 'role'>> = [
  { login: 'viewer', role: 'viewer' },
  { login: 'operator', role: 'operator' },
  { login: 'approver', role: 'approver' },
  { login: 'approver2', role: 'approver' },
  { login: 'admin', role: 'admin' },
];

const password = () => randomBytes(12).toString('base64url');

export function loadLocalAuth(dir = path.join(repoRoot, '.tapdeck')): LocalAuth {
  const file = path.join(dir, 'local-auth.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as LocalAuth;
    if (saved.secret && ROSTER.every(({ login }) => saved.users.some((user) => user.login === login))) return saved;
  }
  const auth: LocalAuth = {
    secret: randomBytes(32).toString('base64url'),
    users: ROSTER.map((user) => ({ ...user, password: password() })),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });
  return auth;
}

/** The dashboard's environment for local sign-in at `url` (e.g. http://localhost:3000). */
export function localAuthEnv(auth: LocalAuth, url: string): Record<string, string> {
  return {
    NEXTAUTH_SECRET: auth.secret,
    NEXTAUTH_URL: url,
    TAPDECK_LOCAL_USERS: auth.users.map((user) => `${user.login}:${user.role}:${user.password}`).join(','),
  };
}

/** A table of the local users for the terminal. */
export function describeLocalUsers(auth: LocalAuth): string {
  const width = Math.max(...auth.users.map((user) => user.login.length));
  return auth.users.map((user) => `    ${user.login.padEnd(width)}  ${user.password}  (${user.role})`).join('\n');
}
