import Link from '@/components/link';
import { TimeText } from '@/components/time-text';
import { executionPath, formatDuration } from '@/lib/executions/arn';
import type { ExecutionSummary } from '@/lib/executions/types';
import { DryRunBadge, ExecutionStatusBadge } from './execution-badges';

const ROW = 'grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 sm:grid-cols-[minmax(0,1fr)_8rem_10.5rem_5rem]';

/** The workflow's recent executions, newest first, each linking to its page. */
export function ExecutionsList({ stackName, executions }: { stackName: string; executions: ExecutionSummary[] }) {
  if (executions.length === 0) {
    return <p className="px-4 py-8 text-center text-sm text-slate-500">No executions yet. Dry runs appear here as they start.</p>;
  }
  return (
    <div>
      <div className={`${ROW} hidden border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-medium text-slate-500 sm:grid`}>
        <span>Execution</span>
        <span>Status</span>
        <span>Started (UTC)</span>
        <span className="text-right">Duration</span>
      </div>
      <ul className="divide-y divide-slate-100" data-testid="executions-list">
        {executions.map((execution) => (
          <li key={execution.arn} data-testid="execution-row" data-status={execution.status}>
            <Link href={executionPath(stackName, execution.name)} className={`${ROW} items-center px-4 py-3 hover:bg-slate-50`}>
              <span className="flex min-w-0 items-center gap-2">
                <span className="truncate font-mono text-sm text-sky-800" title={execution.arn}>
                  {execution.name}
                </span>
                <DryRunBadge dryRun={execution.dryRun} />
              </span>
              <span>
                <ExecutionStatusBadge status={execution.status} />
              </span>
              <span className="text-xs text-slate-600">
                <TimeText iso={execution.startedAt} withDate />
              </span>
              <span className="text-xs text-slate-600 tabular-nums sm:text-right">
                {execution.stoppedAt ? formatDuration(execution.startedAt, execution.stoppedAt) : 'running'}
              </span>
              {execution.error && (
                <span className="col-span-full truncate text-xs text-rose-800" title={execution.cause}>
                  {execution.error}
                  {execution.cause && <span className="text-slate-600">: {execution.cause}</span>}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
