import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { AutoRefresh } from '@/components/auto-refresh';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { ExecutionsList } from '@/components/executions/executions-list';
import { PageHeading } from '@/components/page-heading';
import { DryRunButton } from '@/components/promotion/dry-run-button';
import { TableSkeleton } from '@/components/skeletons';
import { requireUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { routeNames } from '@/lib/executions/route-params';
import { stackPath } from '@/lib/reads/stack-section';
import { EXECUTIONS_LIST_LIMIT, readExecutionsList, readStackWorkflow } from '@/lib/reads/executions';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const route = await routeNames(params);
  return { title: route ? `Executions · ${route.name}` : 'Not found' };
}

export default async function ExecutionsPage({ params }: Props) {
  await connection();
  const route = await routeNames(params);
  if (!route) notFound();
  const { name } = route;
  const user = await requireUser(`${stackPath(name)}/executions`);
  const workflow = await readOrExplain(() => readStackWorkflow(name));
  if (workflow.ok && !workflow.value.exists) notFound();
  const stateMachineArn = workflow.ok && workflow.value.exists ? workflow.value.stateMachineArn : null;
  const mode = workflow.ok && workflow.value.exists ? workflow.value.mode : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageHeading
          eyebrow={
            <Link href={stackPath(name)} className="hover:text-slate-900 hover:underline">
              {name}
            </Link>
          }
          title="Executions"
          subtitle="Runs of the stack's pre-check workflow, newest first."
        />
        {stateMachineArn && can(user.role, 'start-dry-run') && (
          <DryRunButton stackName={name} live={mode === 'apply'} openExecution />
        )}
      </div>
      {!workflow.ok ? (
        <AwsUnavailable message={workflow.message} code={workflow.code} />
      ) : !stateMachineArn ? (
        <Card title="Executions">
          <p className="px-4 py-8 text-center text-sm text-slate-500">
            This stack has no StateMachineArn output, so there is no workflow to follow
            {workflow.value.exists ? ` (${workflow.value.status})` : ''}.
          </p>
        </Card>
      ) : (
        <Suspense
          fallback={
            <Card title="Recent executions">
              <TableSkeleton rows={6} />
            </Card>
          }
        >
          <RecentExecutions stackName={name} stateMachineArn={stateMachineArn} />
        </Suspense>
      )}
    </div>
  );
}

async function RecentExecutions({ stackName, stateMachineArn }: { stackName: string; stateMachineArn: string }) {
  const read = await readOrExplain(() => readExecutionsList(stateMachineArn));
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  const running = read.value.some((execution) => execution.status === 'RUNNING');
  return (
    <Card
      title={
        <>
          Recent executions <span className="ml-1 font-normal text-slate-500">{read.value.length}</span>
        </>
      }
      actions={
        running ? <AutoRefresh seconds={3} /> : <span className="text-xs text-slate-500">Newest {EXECUTIONS_LIST_LIMIT}</span>
      }
    >
      <ExecutionsList stackName={stackName} executions={read.value} />
    </Card>
  );
}
