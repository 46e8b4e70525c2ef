import Link from '@/components/link';
import { executionPath, formatDuration } from '@/lib/executions/arn';
import { summarizePlan } from '@/lib/executions/plan-summary';
import type { ExecutionSummary } from '@/lib/executions/types';
import { isInProgress } from '@/lib/rollout/status';
import { Card } from './card';
import { DryRunBadge, ExecutionStatusBadge } from './executions/execution-badges';
import { PlanTable } from './executions/plan-table';
import { TableSkeleton } from './skeletons';
import { TimeText } from './time-text';

export interface ExecutionsCardStack {
  name: string;
  status: string;
  /** the stack's StateMachineArn output, as the live stack says now */
  stateMachineArn: string | null;
}

/**
 * The workflow's recent runs: what each dry run found and would change, or why it failed. Until the executions
 * poll has answered for the stack's current StateMachineArn output, this is loading, not "no workflow": the
 * page's first render has no executions yet, and a stack that just finished creating has its output before the
 * executions poller has looked.
 */
export function ExecutionsCard({
  stack,
  executions,
  error,
}: {
  stack: ExecutionsCardStack;
  executions: { stateMachineArn: string | null; items: ExecutionSummary[] } | null;
  error: string | null;
}) {
  const actions = (
    <span className="flex items-center gap-3">
      {error && executions && (
        <span className="text-xs text-amber-700" title={error}>
          Execution data may be stale
        </span>
      )}
      {stack.stateMachineArn && (
        <Link
          href={`/stacks/${encodeURIComponent(stack.name)}/executions`}
          className="text-xs font-medium text-sky-700 hover:underline"
        >
          All executions
        </Link>
      )}
    </span>
  );
  const current = executions !== null && executions.stateMachineArn === stack.stateMachineArn;
  let body: React.ReactNode;
  if (!current) {
    body = error ? (
      <Note>Could not read executions: {error}</Note>
    ) : (
      <div data-testid="executions-loading" aria-busy="true">
        <span className="sr-only">Loading executions…</span>
        <TableSkeleton rows={2} />
      </div>
    );
  } else if (!stack.stateMachineArn) {
    body = isInProgress(stack.status) ? (
      <Note>The workflow appears here once the stack&apos;s operation finishes ({stack.status}).</Note>
    ) : (
      <Note>This stack has no StateMachineArn output, so there is no workflow to follow.</Note>
    );
  } else if (executions.items.length === 0) body = <Note>No executions yet. Dry runs appear here as they start.</Note>;
  else
    body = (
      <ul className="divide-y divide-slate-100" data-testid="executions">
        {executions.items.map((execution) => (
          <ExecutionRow key={execution.arn} stackName={stack.name} execution={execution} />
        ))}
      </ul>
    );
  return (
    <Card title="Workflow executions" actions={actions}>
      {body}
    </Card>
  );
}

function ExecutionRow({ stackName, execution }: { stackName: string; execution: ExecutionSummary }) {
  const { plan } = execution;
  return (
    <li data-testid="execution" data-status={execution.status} className="px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <ExecutionStatusBadge status={execution.status} />
        <DryRunBadge dryRun={execution.dryRun ?? plan?.dryRun} />
        <Link
          href={executionPath(stackName, execution.name)}
          className="min-w-0 truncate font-mono text-xs text-sky-800 hover:underline"
          title={execution.arn}
        >
          {execution.name}
        </Link>
        <span className="ml-auto text-xs text-slate-500">
          <TimeText iso={execution.startedAt} withDate /> UTC
          {execution.stoppedAt && ` · ${formatDuration(execution.startedAt, execution.stoppedAt)}`}
        </span>
      </div>
      {plan ? (
        <details className="group mt-1.5">
          <summary className="cursor-pointer text-sm text-slate-800 marker:text-slate-400">
            {summarizePlan(plan)} <span className="text-slate-500">· account {plan.account}</span>
          </summary>
          <PlanTable plan={plan} compact />
        </details>
      ) : execution.error ? (
        <p className="mt-1.5 text-sm text-rose-800 [overflow-wrap:anywhere]">
          <span className="font-medium">{execution.error}</span>
          {execution.cause && <span className="text-slate-700">: {execution.cause}</span>}
        </p>
      ) : null}
    </li>
  );
}

function Note({ children }: { children: React.ReactNode }) {
  return <p className="px-4 py-6 text-sm text-slate-500">{children}</p>;
}
