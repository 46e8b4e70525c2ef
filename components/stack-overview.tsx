import type { StackSummary } from '@/lib/rollout/types';
import { StatusBadge } from './status-badge';
import { TimeText } from './time-text';

/** The facts about one stack: status first, since that is what someone watching a rollout came for. */
export function StackOverview({ stack }: { stack: StackSummary }) {
  return (
    <div className="grid gap-4 p-4 sm:grid-cols-[auto_1fr] sm:items-start sm:gap-8">
      <div>
        <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Status</div>
        <div className="mt-1.5" data-testid="stack-status">
          <StatusBadge status={stack.status} size="md" />
        </div>
        {stack.statusReason && <p className="mt-2 max-w-sm text-sm text-slate-600">{stack.statusReason}</p>}
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Fact label="Created">
          <TimeText iso={stack.createdAt} withDate />
        </Fact>
        <Fact label="Last updated">{stack.updatedAt ? <TimeText iso={stack.updatedAt} withDate /> : '—'}</Fact>
        <Fact label="Stack ID" wide>
          <span className="font-mono text-xs [overflow-wrap:anywhere]">{stack.stackId}</span>
        </Fact>
        {stack.description && (
          <Fact label="Description" wide>
            {stack.description}
          </Fact>
        )}
      </dl>
    </div>
  );
}

function Fact({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{children}</dd>
    </div>
  );
}
