import { Badge, type BadgeTone } from '@/components/badge';
import type { ExecutionStatus } from '@/lib/executions/types';

const STATUS_TONES: Record<ExecutionStatus, BadgeTone> = {
  RUNNING: 'progress',
  SUCCEEDED: 'success',
  FAILED: 'failure',
  TIMED_OUT: 'failure',
  ABORTED: 'neutral',
  PENDING_REDRIVE: 'warning',
};

/** An execution's status with its colour. */
export function ExecutionStatusBadge({ status, size }: { status: ExecutionStatus; size?: 'sm' | 'md' }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? 'neutral'} size={size} data-testid="execution-status" data-status={status}>
      {status}
    </Badge>
  );
}

/** "dry-run" / "apply"; nothing when it is not known (a running execution's input did not say). */
export function DryRunBadge({ dryRun }: { dryRun: boolean | undefined }) {
  if (dryRun === undefined) return null;
  return (
    <span
      data-testid="dry-run-badge"
      className={`whitespace-nowrap rounded px-1.5 py-0.5 font-mono text-xs ${
        dryRun
          ? 'bg-violet-50 text-violet-800 ring-1 ring-inset ring-violet-200'
          : 'bg-amber-50 text-amber-900 ring-1 ring-inset ring-amber-200'
      }`}
    >
      {dryRun ? 'dry-run' : 'apply'}
    </span>
  );
}
