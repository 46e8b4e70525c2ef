import Link from '@/components/link';
import { TimeText } from '@/components/time-text';
import type { Promotion } from '@/lib/promotion/types';
import { promotionHref } from './api-client';
import { PromotionStatusBadge } from './promotion-status-badge';

/** The stack's earlier promotion requests, newest first, each linking to its page. */
export function RecentPromotions({ promotions }: { promotions: Promotion[] }) {
  if (promotions.length === 0) return null;
  return (
    <details className="group px-4 py-3" data-testid="recent-promotions">
      <summary className="cursor-pointer list-none text-sm font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="mr-1.5 inline-block text-slate-400 transition-transform group-open:rotate-90">
          ▸
        </span>
        Earlier requests <span className="ml-1 font-normal text-slate-500">{promotions.length}</span>
      </summary>
      <ul className="mt-2 divide-y divide-slate-100">
        {promotions.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
            <PromotionStatusBadge status={p.status} />
            <Link href={promotionHref(p.stackName, p.id)} className="font-medium text-sky-700 hover:text-sky-900 hover:underline">
              Requested by {p.requestedByName}
            </Link>
            <span className="text-xs text-slate-500 sm:ml-auto">
              <TimeText iso={p.requestedAt} withDate /> UTC
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
