import Link from '@/components/link';
import { AutoRefresh } from '@/components/auto-refresh';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import { TimeText } from '@/components/time-text';
import { formatDuration } from '@/lib/executions/arn';
import { summarizePlan } from '@/lib/executions/plan';
import type { ExecutionView as View } from '@/lib/reads/executions';
import { DryRunBadge, ExecutionStatusBadge } from './execution-badges';
import { ExecutionGraph, OutcomeLegend } from './execution-graph';
import { HistoryTable } from './history-table';
import { JsonBlock } from './json-block';
import { PlanTable } from './plan-table';

/** One execution: what it is, its graph coloured by outcome, the plan, input and output, and its history. */
export function ExecutionView({ stackName, view }: { stackName: string; view: View }) {
  const { execution, layout, outcomes, history } = view;
  const base = `/stacks/${encodeURIComponent(stackName)}`;
  const running = execution.status === 'RUNNING';
  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={
          <span className="flex flex-wrap gap-1">
            <Link href={base} className="hover:text-slate-900 hover:underline">
              {stackName}
            </Link>
            <span aria-hidden>/</span>
            <Link href={`${base}/executions`} className="hover:text-slate-900 hover:underline">
              Executions
            </Link>
          </span>
        }
        title={<span className="font-mono text-xl sm:text-2xl">{execution.name}</span>}
      />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-600">
        <ExecutionStatusBadge status={execution.status} size="md" />
        <DryRunBadge dryRun={execution.dryRun} />
        <span>
          Started <TimeText iso={execution.startedAt} withDate /> UTC
        </span>
        {execution.stoppedAt && <span>took {formatDuration(execution.startedAt, execution.stoppedAt)}</span>}
        {running && <AutoRefresh seconds={2} />}
      </div>
      <p className="-mt-3 font-mono text-xs text-slate-400 [overflow-wrap:anywhere]">{execution.arn}</p>

      {execution.error && (
        <div
          role="alert"
          className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900 [overflow-wrap:anywhere]"
        >
          <span className="font-semibold">{execution.error}</span>
          {execution.cause && <span className="text-rose-800">: {execution.cause}</span>}
        </div>
      )}

      <Card title="State machine">
        {layout ? (
          <>
            <ExecutionGraph layout={layout} outcomes={outcomes} ended={!running} />
            <OutcomeLegend outcomes={outcomes} />
          </>
        ) : (
          <p className="px-4 py-6 text-sm text-slate-600">The definition could not be drawn: {view.graphError}</p>
        )}
      </Card>

      <Card title={execution.plan?.dryRun === false ? 'Plan (applied)' : 'Dry-run plan'}>
        {execution.plan ? (
          <div data-testid="execution-plan">
            <p className="px-4 pt-3 text-sm text-slate-800">
              {summarizePlan(execution.plan)} <span className="text-slate-500">· account {execution.plan.account}</span>
            </p>
            <div className="py-2">
              <PlanTable plan={execution.plan} />
            </div>
          </div>
        ) : (
          <p className="px-4 py-6 text-sm text-slate-500">
            {running
              ? 'The plan appears when the execution finishes.'
              : 'This execution produced no plan (it ended before its Plan step, or its output is not one).'}
          </p>
        )}
      </Card>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card title="Input">
          <JsonBlock text={execution.input} label="input" />
        </Card>
        <Card title="Output">
          <JsonBlock text={execution.output} label={running ? 'output yet' : 'output'} />
        </Card>
      </div>

      <Card
        title={
          <>
            History <span className="ml-1 font-normal text-slate-500">{history.length} events</span>
          </>
        }
        actions={
          view.historyTruncated ? <span className="text-xs text-amber-700">First {history.length} events only</span> : undefined
        }
      >
        <HistoryTable events={history} startedAt={execution.startedAt} />
      </Card>
    </div>
  );
}
