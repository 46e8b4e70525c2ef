import type { RemediationEntry } from '@/lib/rollout/remediation/types';

/**
 * How to fix a known mistake: the title, why it fails, the fix in words, and the policy or template change as a
 * snippet (folded on small screens' behalf: the words come first). No hooks, so server and client parents can use it.
 */
export function RemediationList({ entries, heading = 'How to fix it' }: { entries: RemediationEntry[]; heading?: string }) {
  if (entries.length === 0) return null;
  return (
    <section aria-label={heading} className="mt-3 space-y-2" data-testid="remediation">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{heading}</h3>
      {entries.map((entry) => (
        <article
          key={entry.id}
          data-remediation={entry.id}
          className="rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-sm shadow-sm"
        >
          <h4 className="font-medium text-slate-900">{entry.title}</h4>
          <p className="mt-1 text-slate-600">{entry.cause}</p>
          <p className="mt-1.5 text-slate-800">
            <span className="font-medium text-emerald-800">Fix: </span>
            {entry.fix}
          </p>
          <details className="group mt-2">
            <summary className="cursor-pointer select-none text-xs font-medium text-sky-800 hover:underline">
              {entry.change.label}
            </summary>
            <pre
              className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
              data-language={entry.change.language}
            >
              <code>{entry.change.snippet}</code>
            </pre>
          </details>
        </article>
      ))}
    </section>
  );
}
