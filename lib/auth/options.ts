import type { AuthOptions, User as NextAuthUser } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider, { type GithubEmail, type GithubProfile } from 'next-auth/providers/github';
import type { OAuthConfig, Provider } from 'next-auth/providers/index';
import { getConfig, type Config } from '@/lib/config';
import { verifyLocalUser } from './local-users';
import { describeIdentity, resolveRole, type Identity } from './resolve-role';
import { safeReturnPath } from './return-path';
import { usesSecureCookies } from './session-token';

declare module 'next-auth' {
  interface User {
    /** Made by each provider below; the jwt callback keeps only this in the cookie. */
    identity?: Identity;
  }
}

/** Sessions last 12 hours from sign-in (pages read them on the server, which does not roll the cookie). */
const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** Groups kept in the cookie at most: next-auth splits a large cookie, but a user in 500 groups needs a rule, not a cookie. */
const MAX_GROUPS = 100;

type AuthConfig = Config['auth'];

/**
 * next-auth's options. Everything that depends on the environment is a getter: `next build` imports this module
 * without the runtime environment (lib/config.ts is lazy), and the server reads it on first use.
 */
export const authOptions: AuthOptions = {
  get secret() {
    return getConfig().auth.secret;
  },
  get providers() {
    return providersFor(getConfig().auth);
  },
  // HttpOnly and SameSite=Lax are next-auth's defaults; Secure (and the __Secure-/__Host- prefixes) follow the
  // public URL, decided in one place that proxy.ts reads too.
  get useSecureCookies() {
    return usesSecureCookies(getConfig().auth.url);
  },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/signin', error: '/signin' },
  callbacks: {
    /** Nobody without a role gets a session: they see "no role for you" on /signin (error=AccessDenied). */
    signIn({ user }) {
      const identity = user.identity;
      if (!identity) return false;
      const { roleRules, localUsers } = getConfig().auth;
      if (resolveRole(identity, roleRules, localUsers)) return true;
      console.warn(`tapdeck: sign-in refused, no TAPDECK_ROLES rule matches ${describeIdentity(identity)}`);
      return false;
    },
    /** The cookie holds who someone is, never their role (resolved per request in session-user.ts). */
    jwt({ token, user }) {
      return user?.identity ? { identity: user.identity } : token;
    },
    session({ session, token }) {
      const identity = token.identity;
      return {
        expires: session.expires,
        user: identity ? { name: identity.name, email: identity.email ?? null } : undefined,
        identity,
      };
    },
    /** Same-origin paths only, whatever a client passes as callbackUrl. */
    redirect({ url, baseUrl }) {
      let target: URL;
      try {
        target = new URL(url, baseUrl);
      } catch {
        return baseUrl;
      }
      if (target.origin !== new URL(baseUrl).origin) return baseUrl;
      return `${baseUrl}${safeReturnPath(`${target.pathname}${target.search}${target.hash}`)}`;
    },
  },
};

let memo: { auth: AuthConfig; providers: Provider[] } | undefined;

function providersFor(auth: AuthConfig): Provider[] {
  if (memo?.auth !== auth) memo = { auth, providers: buildProviders(auth) };
  return memo.providers;
}

function buildProviders(auth: AuthConfig): Provider[] {
  const providers: Provider[] = [];
  if (auth.localUsers.length) providers.push(localUsersProvider(auth));
  if (auth.oidc) providers.push(oidcProvider(auth.oidc));
  if (auth.github) providers.push(githubProvider(auth.github));
  return providers;
}

/** Only while TAPDECK_LOCAL_USERS is set. The list is read at each attempt, so a restart is all a change needs. */
function localUsersProvider(auth: AuthConfig): Provider {
  return CredentialsProvider({
    id: 'credentials',
    name: 'Local demo users',
    credentials: { login: { label: 'Login', type: 'text' }, password: { label: 'Password', type: 'password' } },
    authorize(credentials): NextAuthUser | null {
      const user = verifyLocalUser(auth.localUsers, credentials?.login, credentials?.password);
      if (!user) return null;
      return {
        id: user.login,
        name: user.login,
        identity: { provider: 'local', id: user.login, login: user.login, name: user.login },
      };
    },
  });
}

/** Claims of an OIDC ID token that tapdeck reads; the groups claim's name is configurable. */
type OidcClaims = { sub: string; name?: string; preferred_username?: string; email?: string; email_verified?: boolean } & Record<
  string,
  unknown
>;

function oidcProvider(oidc: NonNullable<AuthConfig['oidc']>): OAuthConfig<OidcClaims> {
  const issuer = oidc.issuer.replace(/\/+$/, '');
  return {
    id: 'oidc',
    name: new URL(issuer).host,
    type: 'oauth',
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    idToken: true,
    checks: ['pkce', 'state'],
    authorization: { params: { scope: 'openid email profile' } },
    profile(claims) {
      // An address the IdP says is unverified must not match an email rule; most IdPs that omit the claim verify.
      const email = claims.email_verified === false ? undefined : claims.email;
      const name = claims.name ?? claims.preferred_username ?? email ?? claims.sub;
      const identity: Identity = { provider: 'oidc', id: claims.sub, name, email, groups: groupsOf(claims[oidc.groupsClaim]) };
      return { id: claims.sub, name, email: email ?? null, identity };
    },
  };
}

function groupsOf(claim: unknown): string[] {
  const list = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  return list.filter((group): group is string => typeof group === 'string' && group.length > 0).slice(0, MAX_GROUPS);
}

function githubProvider(github: NonNullable<AuthConfig['github']>): OAuthConfig<GithubProfile> {
  return GitHubProvider({
    clientId: github.clientId,
    clientSecret: github.clientSecret,
    userinfo: {
      url: 'https://api.github.com/user',
      // next-auth falls back to the first listed address; email rules grant roles, so only a verified one counts.
      async request({ client, tokens }) {
        const profile = await client.userinfo(tokens.access_token!);
        if (!profile.email) {
          const res = await fetch('https://api.github.com/user/emails', {
            headers: { Authorization: `token ${tokens.access_token}` },
          });
          const emails = res.ok ? ((await res.json()) as GithubEmail[]) : [];
          profile.email = emails.find((entry) => entry.primary && entry.verified)?.email;
        }
        return profile;
      },
    },
    profile(profile) {
      const name = profile.name ?? profile.login;
      const email = profile.email ?? undefined;
      const identity: Identity = { provider: 'github', id: String(profile.id), login: profile.login, name, email };
      return { id: String(profile.id), name, email: email ?? null, image: profile.avatar_url, identity };
    },
  });
}
