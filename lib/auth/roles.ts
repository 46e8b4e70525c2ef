/**
 * Roles and what each may do. Pages, route handlers and the streams ask `can(role, permission)` through the one
 * guard (lib/auth/guard.ts, and permission-check.ts, which the guard and the streams share); nothing else compares
 * role names.
 */
export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  /** see stacks, alarms, executions, promotions and the audit log */
  | 'read'
  /** start a dry-run execution of the workflow */
  | 'start-dry-run'
  /** ask for a promotion (dry-run → apply), cancel one's own request */
  | 'request-promotion'
  /** return a promoted stack to dry-run (no approval needed) */
  | 'demote'
  /** acknowledge, mute and unmute alarms (on-call are operators) */
  | 'acknowledge-alarms'
  /** approve or reject someone else's promotion request */
  | 'approve'
  /** read AWS errors in full (they name ARNs and accounts); others see the code and a plain sentence */
  | 'read-full-errors';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  operator: ['read', 'start-dry-run', 'request-promotion', 'demote', 'acknowledge-alarms'],
  approver: ['read', 'approve'],
  admin: ['read', 'start-dry-run', 'request-promotion', 'demote', 'acknowledge-alarms', 'approve', 'read-full-errors'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Roles in order of reach, so the highest of several matching rules wins. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, approver: 2, admin: 3 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A signed-in person as every guard check sees them. */
export interface User {
  /** Stable and provider-qualified: `local:operator`, `github:octocat`, `oidc:<sub>`. */
  id: string;
  name: string;
  email?: string;
  provider: 'local' | 'github' | 'oidc';
  role: Role;
}
