import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/sign-in-form';
import { SignOutButton } from '@/components/user-menu';
import { currentIdentity, currentUser, safeReturnPath } from '@/lib/auth/guard';
import { config } from '@/lib/config';

export const metadata: Metadata = { title: 'Sign in' };

/** next-auth's error codes (it sends them here as ?error=) in words; unknown codes get the generic line. */
const ERRORS: Record<string, string> = {
  AccessDenied: 'No role for you: ask an admin to add you to TAPDECK_ROLES.',
  OAuthSignin: 'Could not start sign-in with the identity provider. Try again; the server log says why if it keeps failing.',
  OAuthCallback: 'The identity provider’s answer could not be verified. Try again; the server log says why if it keeps failing.',
  OAuthCreateAccount: 'Sign-in with the identity provider failed. Try again.',
  Callback: 'Sign-in with the identity provider failed. Try again.',
  OAuthAccountNotLinked: 'Sign-in with the identity provider failed. Try again.',
  SessionRequired: 'Sign in to continue.',
  Configuration: 'Sign-in is misconfigured on the server; the server log says what is wrong.',
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(first(params.callbackUrl));
  if (await currentUser()) redirect(returnTo);

  // Signed in, but the configuration gives them no role (any more): say so instead of offering the form again.
  const identity = await currentIdentity();
  const errorCode = first(params.error);
  const { localUsers, github, oidc } = config.auth;
  const pageError =
    errorCode && errorCode !== 'CredentialsSignin' ? (ERRORS[errorCode] ?? 'Sign-in failed. Try again.') : undefined;

  return (
    <div className="mx-auto w-full max-w-sm py-4 sm:py-10">
      <section className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-200 px-6 py-5">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to tapdeck</h1>
          <p className="mt-1 text-sm text-slate-600">Roll out the TapStack and watch its alarms.</p>
        </div>
        <div className="space-y-5 px-6 py-6">
          {identity ? (
            <div
              role="alert"
              className="space-y-3 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
            >
              <p>
                You are signed in as <span className="font-semibold">{identity.name}</span>, but no role for you: ask an admin to
                add you to TAPDECK_ROLES.
              </p>
              <SignOutButton label="Sign out to use another account" />
            </div>
          ) : (
            <>
              {pageError && (
                <p
                  role="alert"
                  className="rounded-md bg-rose-50 px-3 py-2 text-sm font-medium text-rose-800 ring-1 ring-inset ring-rose-200"
                >
                  {pageError}
                </p>
              )}
              <SignInForm
                returnTo={returnTo}
                localUsers={localUsers.length > 0}
                github={github !== undefined}
                oidc={oidc ? new URL(oidc.issuer).host : undefined}
                failedBefore={errorCode === 'CredentialsSignin'}
              />
            </>
          )}
        </div>
      </section>

      {localUsers.length > 0 && (
        <aside className="mt-4 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-semibold">Local demo users are on</p>
          <p className="mt-1 text-amber-800">
            These logins are the embedded demo users from <code className="font-mono text-xs">TAPDECK_LOCAL_USERS</code> (
            <code className="font-mono text-xs">npm run local</code> prints them with their passwords). Turn them off anywhere
            other people can reach this dashboard.
          </p>
        </aside>
      )}
    </div>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
