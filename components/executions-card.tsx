import { summarizePlan } from '@/lib/executions/plan-summary';
import type { ExecutionStatus, ExecutionSummary, PlanEntry } from '@/lib/executions/types';
import { Card } from './card';
import { TimeText } from './time-text';

const statusClasses: Record<ExecutionStatus, string> = {
  RUNNING: 'bg-sky-50 text-sky-800 ring-sky-200',
  SUCCEEDED: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  FAILED: 'bg-rose-50 text-rose-800 ring-rose-200',
  TIMED_OUT: 'bg-rose-50 text-rose-800 ring-rose-200',
  ABORTED: 'bg-slate-100 text-slate-700 ring-slate-200',
  PENDING_REDRIVE: 'bg-amber-50 text-amber-800 ring-amber-200',
};

/** The workflow's recent runs: what each dry run found and would change, or why it failed. */
export function ExecutionsCard({
  executions,
  error,
}: {
  executions: { stateMachineArn: string | null; items: ExecutionSummary[] } | null;
  error: string | null;
}) {
  const actions = error ? (
    <span className="text-xs text-amber-700" title={error}>
      Execution data may be stale
    </span>
  ) : undefined;
  let body: React.ReactNode;
  if (executions === null) body = <Note>{error ? `Could not read executions: ${error}` : 'Loading executions…'}</Note>;
  else if (!executions.stateMachineArn)
    body = <Note>This stack has no StateMachineArn output, so there is no workflow to follow.</Note>;
  else if (executions.items.length === 0) body = <Note>No executions yet. Dry runs appear here as they start.</Note>;
  else
    body = (
      <ul className="divide-y divide-slate-100" data-testid="executions">
        {executions.items.map((execution) => (
          <ExecutionRow key={execution.arn} execution={execution} />
        ))}
      </ul>
    );
  return (
    <Card title="Workflow executions" actions={actions}>
      {body}
    </Card>
  );
}

function ExecutionRow({ execution }: { execution: ExecutionSummary }) {
  const { plan } = execution;
  return (
    <li data-testid="execution" data-status={execution.status} className="px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span
          className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${statusClasses[execution.status]}`}
        >
          {execution.status}
        </span>
        {plan && (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
            {plan.dryRun ? 'dry-run' : 'apply'}
          </span>
        )}
        <span className="min-w-0 truncate font-mono text-xs text-slate-600" title={execution.arn}>
          {execution.name}
        </span>
        <span className="ml-auto text-xs text-slate-500">
          <TimeText iso={execution.startedAt} withDate /> UTC
          {execution.stoppedAt && ` · ${duration(execution.startedAt, execution.stoppedAt)}`}
        </span>
      </div>
      {plan ? (
        <details className="group mt-1.5">
          <summary className="cursor-pointer text-sm text-slate-800 marker:text-slate-400">
            {summarizePlan(plan)} <span className="text-slate-500">· account {plan.account}</span>
          </summary>
          <PlanTable
            entries={[
              ...plan.buckets.map((e) => ({ ...e, kind: 'Bucket' })),
              ...plan.tables.map((e) => ({ ...e, kind: 'Table' })),
            ]}
          />
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

function PlanTable({ entries }: { entries: Array<PlanEntry & { kind: string }> }) {
  if (entries.length === 0) return null;
  return (
    <table className="mt-2 w-full text-left text-xs">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Kind</th>
          <th className="py-1 pr-3 font-medium">Name</th>
          <th className="py-1 pr-3 font-medium">Found</th>
          <th className="py-1 font-medium">Action</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((entry) => (
          <tr key={`${entry.kind}:${entry.name}`}>
            <td className="py-1 pr-3 text-slate-500">{entry.kind}</td>
            <td className="py-1 pr-3 font-mono text-slate-800">{entry.name}</td>
            <td className="py-1 pr-3 text-slate-700">{entry.state}</td>
            <td className={`py-1 ${entry.compliant ? 'text-slate-500' : 'font-medium text-amber-800'}`}>{entry.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Note({ children }: { children: React.ReactNode }) {
  return <p className="px-4 py-6 text-sm text-slate-500">{children}</p>;
}

function duration(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  return ms < 1_000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}
