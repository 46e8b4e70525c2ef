import type { LinkStatus } from '@/lib/cmk/chain';

const marks: Record<LinkStatus, { mark: string; ring: string; words: string }> = {
  ok: { mark: '✓', ring: 'bg-emerald-50 text-emerald-700 ring-emerald-200', words: 'Passes' },
  warning: { mark: '!', ring: 'bg-amber-50 text-amber-800 ring-amber-200', words: 'Needs a look' },
  failure: { mark: '✗', ring: 'bg-rose-50 text-rose-700 ring-rose-300', words: 'Broken' },
  skipped: { mark: '–', ring: 'bg-slate-50 text-slate-500 ring-slate-200', words: 'Not applicable' },
};

/** A round mark for one link of the chain, with its meaning for screen readers. */
export function LinkStatusMark({ status }: { status: LinkStatus }) {
  const { mark, ring, words } = marks[status];
  return (
    <span
      data-status={status}
      className={`inline-flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ring-1 ring-inset ${ring}`}
    >
      <span aria-hidden>{mark}</span>
      <span className="sr-only">{words}:</span>
    </span>
  );
}
