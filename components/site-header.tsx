import Link from 'next/link';
import { connection } from 'next/server';
import { describeTarget } from '@/lib/config';

export async function SiteHeader() {
  await connection(); // the target is runtime configuration, never baked in at build time
  const target = describeTarget();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <div className="flex items-center gap-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
              td
            </span>
            tapdeck
          </Link>
          <nav aria-label="Main" className="text-sm text-slate-600">
            <Link href="/" className="rounded px-2 py-1 hover:bg-slate-100 hover:text-slate-900">
              Stacks
            </Link>
          </nav>
        </div>
        <span
          title={target.local ? 'Pointed at a local AWS endpoint' : 'Pointed at AWS'}
          className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${
            target.local ? 'bg-amber-50 text-amber-800 ring-amber-200' : 'bg-sky-50 text-sky-800 ring-sky-200'
          }`}
        >
          <span aria-hidden className={`size-1.5 rounded-full ${target.local ? 'bg-amber-500' : 'bg-sky-500'}`} />
          {target.label}
        </span>
      </div>
    </header>
  );
}
