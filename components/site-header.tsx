import Link from '@/components/link';
import { connection } from 'next/server';
import { currentUser } from '@/lib/auth/guard';
import { config, describeTarget } from '@/lib/config';
import { readTheme } from '@/lib/reads/theme';
import { Badge } from './badge';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

const NAV = [
  { href: '/', label: 'Stacks' },
  { href: '/audit', label: 'Audit' },
];

/**
 * The bar on every page. Anonymous visitors (on /signin) see only the name and, while local demo users are on,
 * the amber badge that says so; where tapdeck points and the navigation are for signed-in users.
 */
export async function SiteHeader() {
  await connection(); // the target and the user are per request, never baked in at build time
  const [user, theme] = await Promise.all([currentUser(), readTheme()]);
  const demoUsers = config.auth.localUsers.length > 0;
  const target = user ? describeTarget() : undefined;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex min-h-14 w-full max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2.5 sm:px-6">
        <div className="flex items-center gap-4 sm:gap-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
              td
            </span>
            tapdeck
          </Link>
          {user && (
            <nav aria-label="Main" className="flex items-center gap-1 text-sm text-slate-600">
              {NAV.map((item) => (
                <Link key={item.href} href={item.href} className="rounded px-2 py-1 hover:bg-slate-100 hover:text-slate-900">
                  {item.label}
                </Link>
              ))}
            </nav>
          )}
        </div>
        <div className="flex min-w-0 flex-wrap items-center gap-2 sm:justify-end">
          {demoUsers && (
            <Badge
              tone="warning"
              title="TAPDECK_LOCAL_USERS is set: anyone with these demo passwords can sign in. Turn it off anywhere shared."
            >
              Local demo users
            </Badge>
          )}
          {target && (
            <Badge
              tone={target.local ? 'warning' : 'progress'}
              dot={target.local}
              title={target.local ? 'Pointed at a local AWS endpoint' : 'Pointed at AWS'}
            >
              {target.label}
            </Badge>
          )}
          <ThemeToggle initial={theme} />
          {user && <UserMenu name={user.name} email={user.email} role={user.role} />}
        </div>
      </div>
    </header>
  );
}
