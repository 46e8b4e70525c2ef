import type { PreflightItem } from '@/lib/promotion/types';

/** Each precondition of a promotion with what was seen: ✓ or ✗, the evidence in words, and where it came from. */
export function PreflightChecklist({ items }: { items: PreflightItem[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">No preflight checks were reported.</p>;
  return (
    <ul className="grid gap-x-8 gap-y-2.5 lg:grid-cols-2" data-testid="preflight">
      {items.map((item) => (
        <li
          key={item.id}
          data-testid="preflight-item"
          data-item={item.id}
          data-ok={String(item.ok)}
          className="flex gap-2.5 text-sm"
        >
          <span
            aria-hidden
            className={`mt-0.5 grid size-4 shrink-0 place-items-center rounded-full text-[10px] font-bold ${
              item.ok ? 'bg-emerald-100 text-emerald-700' : 'bg-rose-100 text-rose-700'
            }`}
          >
            {item.ok ? '✓' : '✗'}
          </span>
          <div className="min-w-0">
            <div className={`font-medium ${item.ok ? 'text-slate-900' : 'text-rose-800'}`}>
              <span className="sr-only">{item.ok ? 'Passes: ' : 'Fails: '}</span>
              {item.label}
            </div>
            {item.evidence && <p className="text-slate-600 [overflow-wrap:anywhere]">{item.evidence}</p>}
            {item.refs && item.refs.length > 0 && (
              <div className="mt-0.5 flex flex-wrap gap-x-2 gap-y-0.5">
                {item.refs.map((ref) => (
                  <span key={ref} title={ref} className="max-w-full truncate font-mono text-xs text-slate-500">
                    {shortRef(ref)}
                  </span>
                ))}
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The readable end of an ARN: an execution's name, a key's id, a role's name. */
export function shortRef(ref: string): string {
  if (!ref.startsWith('arn:')) return ref;
  const tail = ref.split(':').slice(5).join(':');
  const parts = tail.split(/[:/]/).filter(Boolean);
  return parts.at(-1) ?? ref;
}

/** The failing items as the sentence under the switch: "Enable when: …". */
export function missingItems(items: PreflightItem[]): PreflightItem[] {
  return items.filter((item) => !item.ok);
}
