'use client';

import { useState } from 'react';
import type { Role } from '@/lib/auth/roles';
import { signOutRequest } from '@/lib/auth/sign-out';
import { Button } from './button';

const roleClasses: Record<Role, string> = {
  viewer: 'bg-slate-100 text-slate-700 ring-slate-200',
  operator: 'bg-sky-50 text-sky-800 ring-sky-200',
  approver: 'bg-violet-50 text-violet-800 ring-violet-200',
  admin: 'bg-fuchsia-50 text-fuchsia-800 ring-fuchsia-200',
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      data-role={role}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${roleClasses[role]}`}
    >
      {role}
    </span>
  );
}

/** The signed-in user in the header: who, with which role, and the way out. */
export function UserMenu({ name, email, role }: { name: string; email?: string; role: Role }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <span className="min-w-0 truncate text-sm font-medium text-slate-900" title={email ? `${name} <${email}>` : name}>
        <span className="sr-only">Signed in as </span>
        {name}
      </span>
      <RoleBadge role={role} />
      <SignOutButton />
    </div>
  );
}

/**
 * next-auth's sign-out: a POST with its CSRF token (lib/auth/sign-out.ts, not next-auth/react: the header is on
 * every page), then a full load of /signin (not wherever next-auth's base
 * URL points, so a misconfigured NEXTAUTH_URL cannot send people to another host).
 */
export function SignOutButton({ label = 'Sign out' }: { label?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      size="sm"
      pending={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOutRequest();
          // A full load, not router.push: the root layout's header and the router's cached pages must forget the user.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          window.location.assign('/signin');
        } catch {
          setPending(false); // still signed in: leave the button to try again
        }
      }}
    >
      {label}
    </Button>
  );
}
