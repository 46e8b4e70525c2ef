'use client';

import { useActionState, useState } from 'react';
import { postSignIn } from '@/lib/auth/sign-in';
import { Button } from './button';

export interface SignInOptions {
  /** Where to go after signing in: already checked to be a path on this site (safeReturnPath). */
  returnTo: string;
  /** TAPDECK_LOCAL_USERS is set: show the login + password form. */
  localUsers: boolean;
  github: boolean;
  /** The OIDC issuer's host, when OIDC is configured. */
  oidc?: string;
  /** A local sign-in failed before the page loaded (`?error=CredentialsSignin`). */
  failedBefore?: boolean;
}

interface FormState {
  error?: string;
  login: string;
}

const WRONG_LOGIN = 'Wrong login or password';

/** The sign-in choices: a button per identity provider, and the local users' form when they are on. */
export function SignInForm({ returnTo, localUsers, github, oidc, failedBefore }: SignInOptions) {
  const [redirecting, setRedirecting] = useState<string | null>(null);

  const [state, submit, pending] = useActionState<FormState, FormData>(
    async (_previous, form) => {
      const login = String(form.get('login') ?? '').trim();
      const password = String(form.get('password') ?? '');
      if (!login || !password) return { login, error: 'Enter your login and password' };
      try {
        const result = await postSignIn('credentials', returnTo, { login, password });
        if (!result.ok || result.error) {
          return { login, error: result.error === 'CredentialsSignin' ? WRONG_LOGIN : 'Sign-in failed. Try again in a moment.' };
        }
      } catch {
        return { login, error: 'Could not reach the dashboard. Check your connection and try again.' };
      }
      // A full load, not a client transition: the header and every server component read the new session.
      setRedirecting('credentials');
      window.location.assign(returnTo);
      return { login };
    },
    { login: '', error: failedBefore ? WRONG_LOGIN : undefined },
  );

  const startProvider = (provider: 'github' | 'oidc') => {
    setRedirecting(provider);
    // Posts to /api/auth/signin/<provider> with the CSRF token, then sends the browser to the provider.
    void postSignIn(provider, returnTo).then(
      (result) => window.location.assign(result.url),
      () => setRedirecting(null),
    );
  };

  const busy = pending || redirecting !== null;
  const providers = github || oidc;

  return (
    <div className="space-y-5">
      {providers && (
        <div className="space-y-2">
          {github && (
            <Button
              variant="primary"
              onClick={() => startProvider('github')}
              disabled={busy}
              pending={redirecting === 'github'}
              className="w-full"
            >
              {redirecting !== 'github' && <GitHubMark />}
              Continue with GitHub
            </Button>
          )}
          {oidc && (
            <div>
              <Button onClick={() => startProvider('oidc')} disabled={busy} pending={redirecting === 'oidc'} className="w-full">
                Continue with single sign-on
              </Button>
              <p className="mt-1 truncate text-center text-xs text-slate-500" title={oidc}>
                at {oidc}
              </p>
            </div>
          )}
        </div>
      )}

      {providers && localUsers && (
        <div className="flex items-center gap-3 text-xs font-medium uppercase tracking-wide text-slate-400" aria-hidden>
          <span className="h-px flex-1 bg-slate-200" />
          or a local demo user
          <span className="h-px flex-1 bg-slate-200" />
        </div>
      )}

      {localUsers && (
        <form action={submit} noValidate className="space-y-4">
          <div>
            <label htmlFor="login" className="block text-sm font-medium text-slate-800">
              Login
            </label>
            <input
              id="login"
              name="login"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              defaultValue={state.login}
              aria-invalid={state.error ? true : undefined}
              aria-describedby={state.error ? 'sign-in-error' : undefined}
              className={inputClasses}
            />
          </div>
          <div>
            <label htmlFor="password" className="block text-sm font-medium text-slate-800">
              Password
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={state.error ? true : undefined}
              aria-describedby={state.error ? 'sign-in-error' : undefined}
              className={inputClasses}
            />
          </div>
          {state.error && (
            <p
              id="sign-in-error"
              role="alert"
              className="flex items-center gap-2 rounded-md bg-rose-50 px-3 py-2 text-sm font-medium text-rose-800 ring-1 ring-inset ring-rose-200"
            >
              <span aria-hidden className="size-1.5 shrink-0 rounded-full bg-rose-500" />
              {state.error}
            </p>
          )}
          <Button
            type="submit"
            variant="primary"
            disabled={busy}
            pending={pending || redirecting === 'credentials'}
            className="w-full"
          >
            {pending ? 'Signing in…' : redirecting === 'credentials' ? 'Signed in, opening…' : 'Sign in'}
          </Button>
        </form>
      )}
    </div>
  );
}

const inputClasses =
  'mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-sky-600 aria-[invalid=true]:ring-rose-300';

function GitHubMark() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-4 fill-current">
      <path d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z" />
    </svg>
  );
}
