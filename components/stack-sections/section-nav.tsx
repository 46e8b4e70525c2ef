'use client';

import Link from '@/components/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

/** The stack page's sections in the order they are listed; `''` is the Overview at /stacks/[name]. */
export const STACK_SECTIONS = [
  { segment: '', label: 'Overview' },
  { segment: 'events', label: 'Events' },
  { segment: 'timeline', label: 'Timeline' },
  { segment: 'resources', label: 'Resources' },
  { segment: 'parameters', label: 'Parameters' },
  { segment: 'change-sets', label: 'Change sets' },
  { segment: 'alarms', label: 'Alarms' },
  { segment: 'executions', label: 'Executions' },
  { segment: 'activity', label: 'Activity' },
  { segment: 'cmk', label: 'CMK' },
] as const;

/**
 * Tabs for the stack's sections. They scroll sideways on a phone (the active one scrolled into view); the active
 * one carries aria-current="page". A detail page (an alarm, an execution) keeps its section's tab active.
 */
export function StackSectionNav({ name }: { name: string }) {
  const pathname = usePathname();
  const base = `/stacks/${encodeURIComponent(name)}`;
  const active = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    active.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);

  return (
    <nav aria-label="Stack sections" className="-mx-4 border-b border-slate-200 sm:mx-0">
      <ul className="flex gap-1 overflow-x-auto px-4 [scrollbar-width:none] sm:px-0">
        {STACK_SECTIONS.map(({ segment, label }) => {
          const href = segment ? `${base}/${segment}` : base;
          const current = segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
          return (
            <li key={label} className="shrink-0">
              <Link
                href={href}
                ref={current ? active : undefined}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors ${
                  current
                    ? 'border-slate-900 text-slate-900'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
