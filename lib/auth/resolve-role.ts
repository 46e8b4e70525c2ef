import { findLocalUser, type LocalUser } from './local-users';
import { ROLE_RANK, type Role } from './roles';

/**
 * Who someone is, as the session cookie keeps it: identity only, never a role. The role is resolved from the
 * configuration on every request, so removing someone from TAPDECK_ROLES (or a local user from
 * TAPDECK_LOCAL_USERS) takes effect at their next click, not when their 12-hour session ends.
 */
export interface Identity {
  provider: 'local' | 'github' | 'oidc';
  /** The provider's stable id: the local login, GitHub's numeric user id, the OIDC `sub`. */
  id: string;
  name: string;
  /** Only a verified address (see options.ts): email rules grant roles, so an unverified one must not match. */
  email?: string;
  /** The local login or the GitHub login. */
  login?: string;
  /** OIDC groups from the configured claim. */
  groups?: string[];
}

/** One `role=who` pair of TAPDECK_ROLES; `who` is already lowercased by lib/config.ts. */
export interface RoleRule {
  role: Role;
  who: string;
}

/**
 * The role the current configuration gives `identity`, or null for no access. Local users take their configured
 * role (and lose it when they leave TAPDECK_LOCAL_USERS); everyone else gets the highest role among the rules
 * that match them: `*`, their email, `github:<login>`, `group:<OIDC group>`, all compared case-insensitively.
 */
export function resolveRole(identity: Identity, rules: readonly RoleRule[], localUsers: readonly LocalUser[] = []): Role | null {
  if (identity.provider === 'local') return findLocalUser(localUsers, identity.login ?? identity.id)?.role ?? null;
  let best: Role | null = null;
  for (const rule of rules) {
    if (matches(identity, rule.who) && (best === null || ROLE_RANK[rule.role] > ROLE_RANK[best])) best = rule.role;
  }
  return best;
}

function matches(identity: Identity, who: string): boolean {
  if (who === '*') return true;
  if (who.startsWith('github:'))
    return identity.provider === 'github' && identity.login?.toLowerCase() === who.slice('github:'.length);
  if (who.startsWith('group:')) {
    const group = who.slice('group:'.length);
    return identity.provider === 'oidc' && (identity.groups ?? []).some((name) => name.toLowerCase() === group);
  }
  return identity.email !== undefined && identity.email.toLowerCase() === who;
}

/** How an admin names this person in TAPDECK_ROLES (for the log line when sign-in is refused). */
export function describeIdentity(identity: Identity): string {
  const handles = [identity.email, identity.provider === 'github' && identity.login ? `github:${identity.login}` : undefined];
  if (identity.groups?.length) handles.push(`groups ${identity.groups.map((group) => `group:${group}`).join(', ')}`);
  const named = handles.filter(Boolean).join(', ');
  return `${identity.provider} user ${identity.name} (${named || `id ${identity.id}`})`;
}
