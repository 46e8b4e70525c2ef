import path from 'node:path';

/**
 * The local users the browser tests sign in as (the dashboard under test gets them through TAPDECK_LOCAL_USERS),
 * and where auth.setup.ts keeps each one's signed-in browser state.
 */
export const E2E_USERS = {
  viewer: { role: 'viewer', password: 'viewer-e2e-pass' },
  operator: { role: 'operator', password: 'operator-e2e-pass' },
  approver: { role: 'approver', password: 'approver-e2e-pass' },
  approver2: { role: 'approver', password: 'approver2-e2e-pass' },
  admin: { role: 'admin', password: 'admin-e2e-pass' },
} as const;

export type E2eLogin = keyof typeof E2E_USERS;

export const E2E_LOCAL_USERS = Object.entries(E2E_USERS)
  .map(([login, user]) => `${login}:${user.role}:${user.password}`)
  .join(',');

export const storageStateOf = (login: E2eLogin) => path.join(import.meta.dirname, '.auth', `${login}.json`);
