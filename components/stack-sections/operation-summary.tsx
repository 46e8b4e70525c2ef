import { Badge, type BadgeTone } from '@/components/badge';
import { TimeText } from '@/components/time-text';
import { formatDuration, operationDurationMs, type OperationOutcome, type StackOperation } from '@/lib/rollout/operations';

const OUTCOME: Record<OperationOutcome, { tone: BadgeTone; label: string }> = {
  'in-progress': { tone: 'progress', label: 'In progress' },
  succeeded: { tone: 'success', label: 'Succeeded' },
  failed: { tone: 'failure', label: 'Failed' },
  'rolled-back': { tone: 'failure', label: 'Rolled back' },
  unknown: { tone: 'neutral', label: 'Outcome unknown' },
};

export function OutcomeBadge({ outcome }: { outcome: OperationOutcome }) {
  const { tone, label } = OUTCOME[outcome];
  return (
    <Badge tone={tone} data-outcome={outcome}>
      {label}
    </Badge>
  );
}

/** "Update · started 2025-01-01 12:00:00 · 1 min 5 s": one operation in a line (wraps on a phone). */
export function OperationFacts({ operation }: { operation: StackOperation }) {
  const duration = operationDurationMs(operation);
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <span
        className="font-semibold text-slate-900"
        title={operation.kind === 'Unknown' ? 'Its start is older than the history kept' : undefined}
      >
        {operation.kind === 'Unknown' ? 'Earlier operation' : operation.kind}
      </span>
      <OutcomeBadge outcome={operation.outcome} />
      <span className="text-slate-600">
        started <TimeText iso={operation.startedAt} withDate />
      </span>
      {duration !== undefined && <span className="text-slate-600 tabular-nums">· took {formatDuration(duration)}</span>}
    </span>
  );
}

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

export function OperationCounts({ operation, matching }: { operation: StackOperation; matching?: number }) {
  const events =
    matching !== undefined && matching !== operation.events.length
      ? `${matching.toLocaleString('en-US')} of ${plural(operation.events.length, 'event')}`
      : plural(operation.events.length, 'event');
  return (
    <span className="text-xs text-slate-500 tabular-nums">
      {events} · {plural(operation.resourceCount, 'resource')}
      {operation.failureCount > 0 && <span className="text-rose-700"> · {plural(operation.failureCount, 'failure')}</span>}
    </span>
  );
}
