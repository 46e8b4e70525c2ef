import { AUDIT_ACTION_LABELS, isOkOutcome } from '@/components/audit/audit-actions';
import { TimeText } from '@/components/time-text';
import type { AuditEntry } from '@/lib/store/types';

/** The request's steps as the audit log recorded them, oldest first: who did what, when, and how it went. */
export function PromotionTimeline({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) {
    return <p className="px-4 py-6 text-sm text-slate-500">No audit entries for this request yet.</p>;
  }
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  return (
    <ol className="px-4 py-4" data-testid="promotion-timeline">
      {ordered.map((entry, index) => {
        const ok = isOkOutcome(entry.outcome);
        const last = index === ordered.length - 1;
        return (
          <li
            key={entry.seq}
            data-testid="timeline-step"
            data-action={entry.action}
            className="relative flex gap-3 pb-4 last:pb-0"
          >
            {!last && <span aria-hidden className="absolute top-4 bottom-0 left-[5px] w-px bg-slate-200" />}
            <span
              aria-hidden
              className={`relative mt-1.5 size-[11px] shrink-0 rounded-full ring-2 ring-white ${ok ? 'bg-slate-400' : 'bg-rose-500'}`}
            />
            <div className="min-w-0 text-sm">
              <div className="font-medium text-slate-900">{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</div>
              <div className="text-xs text-slate-500">
                <TimeText iso={entry.at} withDate /> UTC · {entry.actorName}
                {entry.actorRole !== 'system' && ` (${entry.actorRole})`}
              </div>
              {!ok && <p className="mt-1 text-rose-800 [overflow-wrap:anywhere]">{entry.outcome}</p>}
              {entry.comment && <p className="mt-1 text-slate-700 italic [overflow-wrap:anywhere]">“{entry.comment}”</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
