import { formatDuration } from '@/lib/rollout/operations';
import { unwrapReason } from '@/lib/rollout/root-cause';
import { axisTicks, type BarOutcome, type Timeline, type TimelineBar } from '@/lib/rollout/timeline';

const BAR: Record<BarOutcome, string> = {
  success: 'bg-emerald-500',
  failure: 'bg-rose-600',
  cancelled: 'bg-amber-400',
  removed: 'bg-slate-400',
  'in-progress': 'bg-sky-500 animate-pulse',
};

const LEGEND: Array<[BarOutcome, string]> = [
  ['success', 'Complete'],
  ['failure', 'Failed'],
  ['cancelled', 'Cancelled (knock-on)'],
  ['removed', 'Deleted'],
  ['in-progress', 'In progress'],
];

const percent = (ms: number, total: number) => `${total > 0 ? (ms / total) * 100 : 0}%`;

/**
 * A Gantt of one operation in plain CSS: a row per resource, its bar placed on a shared time axis. From small
 * screens up the name sits left of the bar; on a phone above it, so the bars keep the full width.
 */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const { totalMs, bars } = timeline;
  const ticks = axisTicks(totalMs);
  return (
    <div className="p-4">
      <ul className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
        {LEGEND.map(([outcome, label]) => (
          <li key={outcome} className="inline-flex items-center gap-1.5">
            <span aria-hidden className={`inline-block h-2.5 w-4 rounded-sm ${BAR[outcome].replace(' animate-pulse', '')}`} />
            {label}
          </li>
        ))}
      </ul>
      <div className="grid grid-cols-1 sm:grid-cols-[minmax(10rem,16rem)_minmax(0,1fr)] sm:gap-x-4">
        <div className="hidden sm:block" />
        <div aria-hidden className="relative mb-1 h-5 text-[11px] text-slate-500 tabular-nums">
          {ticks.map((tick) => (
            <span
              key={tick}
              className={`absolute ${tick === 0 ? '' : tick > totalMs * 0.9 ? '-translate-x-full' : '-translate-x-1/2'}`}
              style={{ left: percent(tick, totalMs) }}
            >
              {formatDuration(tick).replace('.0 s', ' s')}
            </span>
          ))}
        </div>
      </div>
      <ol className="space-y-1.5 sm:space-y-1" aria-label="Resources by start time">
        {bars.map((bar) => (
          <li
            key={bar.logicalId}
            data-testid="timeline-bar"
            data-outcome={bar.outcome}
            data-root-cause={bar.rootCause || undefined}
            className={`grid grid-cols-1 items-center gap-x-4 gap-y-0.5 rounded-md px-1 py-1 sm:grid-cols-[minmax(10rem,16rem)_minmax(0,1fr)] ${
              bar.rootCause ? 'bg-rose-50 ring-1 ring-rose-200' : ''
            }`}
          >
            <div className="min-w-0 text-sm">
              <div className="truncate font-medium text-slate-900" title={bar.logicalId}>
                {bar.logicalId}
                {bar.rootCause && <span className="ml-2 text-xs font-semibold text-rose-700">root cause</span>}
              </div>
              <div className="truncate text-xs text-slate-500" title={bar.resourceType}>
                {bar.resourceType}
              </div>
            </div>
            <div className="relative h-6" title={describe(bar)}>
              {ticks.map((tick) => (
                <span
                  key={tick}
                  aria-hidden
                  className="absolute inset-y-0 w-px bg-slate-100"
                  style={{ left: percent(tick, totalMs) }}
                />
              ))}
              <div
                className={`absolute inset-y-1 min-w-1 rounded-sm ${BAR[bar.outcome]}`}
                style={{ left: percent(bar.startMs, totalMs), width: percent(bar.durationMs, totalMs) }}
              />
              <DurationLabel bar={bar} totalMs={totalMs} />
            </div>
            {bar.rootCause && bar.reason && <RootCauseReason reason={bar.reason} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The duration beside the bar, or inside it when the bar is wide enough; never off the chart. */
function DurationLabel({ bar, totalMs }: { bar: TimelineBar; totalMs: number }) {
  const text = (
    <>
      {formatDuration(bar.durationMs)}
      <span className="sr-only"> · {bar.status}</span>
    </>
  );
  const base = 'absolute inset-y-0 flex items-center text-xs whitespace-nowrap tabular-nums';
  const end = bar.startMs + bar.durationMs;
  if (bar.durationMs > totalMs * 0.3) {
    return (
      <span className={`${base} pl-1.5 font-medium text-white`} style={{ left: percent(bar.startMs, totalMs) }}>
        {text}
      </span>
    );
  }
  if (end > totalMs * 0.75) {
    return (
      <span className={`${base} pr-1.5 text-slate-700`} style={{ right: percent(totalMs - bar.startMs, totalMs) }}>
        {text}
      </span>
    );
  }
  return (
    <span className={`${base} pl-1.5 text-slate-700`} style={{ left: percent(end, totalMs) }}>
      {text}
    </span>
  );
}

/** The service's own message, unwrapped from CloudFormation's envelope, with the handler's error code. */
function RootCauseReason({ reason }: { reason: string }) {
  const { message, handlerErrorCode } = unwrapReason(reason);
  return (
    <p className="text-xs text-rose-800 [overflow-wrap:anywhere] sm:col-start-2" title={reason}>
      {handlerErrorCode && <span className="font-semibold">{handlerErrorCode}: </span>}
      {message}
    </p>
  );
}

function describe(bar: TimelineBar): string {
  const after = bar.finalStatus ? `, then ${bar.finalStatus}` : '';
  return `${bar.logicalId}: ${bar.status} after ${formatDuration(bar.durationMs)}${after}${bar.reason ? ` — ${bar.reason}` : ''}`;
}
