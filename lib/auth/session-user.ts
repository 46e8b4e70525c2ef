import type { Session } from 'next-auth';
import { getConfig } from '@/lib/config';
import { resolveRole, type Identity } from './resolve-role';
import type { User } from './roles';

declare module 'next-auth' {
  interface Session {
    /** Set by options.ts's session callback from the JWT; absent for a token from before identities existed. */
    identity?: Identity;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    identity?: Identity;
  }
}

const PROVIDERS: ReadonlySet<string> = new Set<Identity['provider']>(['local', 'github', 'oidc']);

/** The identity a session carries, checked for shape (the cookie is signed, but may predate this code). */
export function identityFromSession(session: Session | null | undefined): Identity | null {
  const identity = session?.identity;
  if (!identity || typeof identity !== 'object') return null;
  if (!PROVIDERS.has(identity.provider) || typeof identity.id !== 'string' || !identity.id || typeof identity.name !== 'string')
    return null;
  return identity;
}

/**
 * The signed-in user with the role the configuration gives them now, or null when anonymous or when nobody gave
 * them a role (any more). Every guard check goes through here.
 */
export function userFromSession(session: Session | null | undefined, auth = getConfig().auth): User | null {
  const identity = identityFromSession(session);
  if (!identity) return null;
  const role = resolveRole(identity, auth.roleRules, auth.localUsers);
  if (!role) return null;
  return { id: userIdOf(identity), name: identity.name, email: identity.email, provider: identity.provider, role };
}

/**
 * Stable and provider-qualified (lib/auth/roles.ts): `local:<login>`, `github:<login>` (how TAPDECK_ROLES names
 * GitHub users, so the audit log and the rules agree), `oidc:<sub>`.
 */
export function userIdOf(identity: Identity): string {
  return `${identity.provider}:${identity.provider === 'oidc' ? identity.id : (identity.login ?? identity.id)}`;
}
