import type { OperationProgress } from '@/lib/rollout/progress';

/** The current operation's resources as a bar: green done, blue moving, red failed. */
export function OperationProgressBar({ progress }: { progress: OperationProgress }) {
  const total = progress.complete + progress.inProgress + progress.failed + progress.removed;
  if (total === 0) return null;
  const segments = [
    { count: progress.complete, className: 'bg-emerald-500', label: 'complete' },
    { count: progress.inProgress, className: 'bg-sky-500 animate-pulse', label: 'in progress' },
    { count: progress.failed, className: 'bg-rose-500', label: 'failed' },
    { count: progress.removed, className: 'bg-slate-300', label: 'removed' },
  ];
  const verb = progress.operation?.replace(/_IN_PROGRESS$/, '').toLowerCase() ?? 'current';
  return (
    <div data-testid="operation-progress" className="border-t border-slate-100 px-4 py-3">
      <div className="flex items-baseline justify-between gap-4 text-xs text-slate-600">
        <span className="font-medium uppercase tracking-wide text-slate-500">Resources in the {verb} operation</span>
        <span className="tabular-nums">
          {segments
            .filter((s) => s.count > 0)
            .map((s) => `${s.count} ${s.label}`)
            .join(' · ')}
        </span>
      </div>
      <div
        className="mt-1.5 flex h-2 overflow-hidden rounded-full bg-slate-100"
        role="img"
        aria-label={`${progress.complete} of ${total} resources complete`}
      >
        {segments.map((s) =>
          s.count > 0 ? <div key={s.label} className={s.className} style={{ width: `${(s.count / total) * 100}%` }} /> : null,
        )}
      </div>
    </div>
  );
}
