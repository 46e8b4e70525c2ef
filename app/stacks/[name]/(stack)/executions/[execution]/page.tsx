import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { ExecutionView } from '@/components/executions/execution-view';
import { requireUser } from '@/lib/auth/guard';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { routeNames } from '@/lib/executions/route-params';
import { stackPath } from '@/lib/reads/stack-section';
import { readExecutionView, readStackWorkflow } from '@/lib/reads/executions';

type Props = { params: Promise<{ name: string; execution: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const route = await routeNames(params);
  return { title: route?.execution ? `${route.execution} · ${route.name}` : 'Not found' };
}

/** One execution of the stack's workflow; its ARN comes from the stack's StateMachineArn output and the name. */
export default async function ExecutionPage({ params }: Props) {
  await connection();
  const route = await routeNames(params);
  if (!route?.execution) notFound();
  const { name, execution } = route;
  await requireUser(`${stackPath(name)}/executions/${encodeURIComponent(execution)}`);
  const read = await readOrExplain(async () => {
    const workflow = await readStackWorkflow(name);
    if (!workflow.exists || !workflow.stateMachineArn) return null;
    return readExecutionView(workflow.stateMachineArn, execution);
  });
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  if (!read.value) notFound();
  return <ExecutionView stackName={name} view={read.value} />;
}
