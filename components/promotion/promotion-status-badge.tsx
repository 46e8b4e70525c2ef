import { Badge, type BadgeTone } from '@/components/badge';
import type { PromotionStatus } from '@/lib/promotion/types';

const STATUS_VIEW: Record<PromotionStatus, { label: string; tone: BadgeTone }> = {
  creating: { label: 'Creating change set', tone: 'progress' },
  'awaiting-approval': { label: 'Awaiting approval', tone: 'warning' },
  approved: { label: 'Approved', tone: 'progress' },
  executing: { label: 'Executing', tone: 'progress' },
  promoted: { label: 'Promoted', tone: 'success' },
  'rolled-back': { label: 'Rolled back', tone: 'failure' },
  failed: { label: 'Failed', tone: 'failure' },
  rejected: { label: 'Rejected', tone: 'failure' },
  expired: { label: 'Expired', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  void: { label: 'Void', tone: 'neutral' },
};

export function promotionStatusLabel(status: PromotionStatus): string {
  return STATUS_VIEW[status].label;
}

/** A promotion request's status in words and colour: amber while it waits for a person, blue while it moves. */
export function PromotionStatusBadge({ status, size = 'sm' }: { status: PromotionStatus; size?: 'sm' | 'md' }) {
  const view = STATUS_VIEW[status] ?? { label: status, tone: 'neutral' };
  return (
    <Badge tone={view.tone} size={size} data-testid="promotion-status" data-status={status}>
      {view.label}
    </Badge>
  );
}

/** The stack's `Mode` parameter: `dry-run` (the workflow only reports) or `apply` (it changes the target account). */
export function ModeBadge({ mode }: { mode: string | null }) {
  if (mode === 'apply') {
    return (
      <Badge tone="warning" size="md" data-testid="stack-mode" data-mode="apply">
        apply · live
      </Badge>
    );
  }
  if (mode === 'dry-run') {
    return (
      <Badge tone="neutral" size="md" data-testid="stack-mode" data-mode="dry-run">
        dry-run
      </Badge>
    );
  }
  return (
    <Badge tone="neutral" size="md" dot={false} data-testid="stack-mode" data-mode="unknown">
      {mode ?? 'no Mode parameter'}
    </Badge>
  );
}
