import { CopyButton } from './copy-button';
import { EmptyState } from './section-states';

/** Parameters or outputs: key, then the value in full (long ARNs and lists wrap), each value copyable. */
export function KeyValueList({
  entries,
  empty,
  testId,
}: {
  entries: Record<string, string>;
  empty: React.ReactNode;
  testId: string;
}) {
  const keys = Object.keys(entries).sort((a, b) => a.localeCompare(b));
  if (keys.length === 0) return <EmptyState title="None">{empty}</EmptyState>;
  return (
    <dl className="divide-y divide-slate-100">
      {keys.map((key) => (
        <div
          key={key}
          data-testid={testId}
          className="grid gap-1 px-4 py-2.5 sm:grid-cols-[minmax(10rem,16rem)_minmax(0,1fr)] sm:gap-4"
        >
          <dt className="text-sm font-medium text-slate-900 [overflow-wrap:anywhere]">{key}</dt>
          <dd className="flex items-start justify-between gap-3">
            <span className="min-w-0 font-mono text-xs leading-5 text-slate-700 [overflow-wrap:anywhere] whitespace-pre-wrap">
              {entries[key] === '' ? <span className="font-sans text-slate-400 italic">empty</span> : entries[key]}
            </span>
            {entries[key] !== '' && <CopyButton value={entries[key]!} label={key} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}
