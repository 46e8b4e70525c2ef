import type { Metadata } from 'next';
import { AutoRefresh } from '@/components/auto-refresh';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { OperationPicker } from '@/components/stack-sections/operation-picker';
import { OperationCounts, OperationFacts } from '@/components/stack-sections/operation-summary';
import { EmptyState, StackMissing } from '@/components/stack-sections/section-states';
import { TimelineChart } from '@/components/stack-sections/timeline-chart';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readStackHistory } from '@/lib/reads/stack';
import { openStackSection, stackNameFrom, type StackParams } from '@/lib/reads/stack-section';
import { groupOperations } from '@/lib/rollout/operations';
import { buildTimeline } from '@/lib/rollout/timeline';

type Props = { params: StackParams; searchParams: Promise<{ op?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Timeline · ${(await stackNameFrom(params)) ?? 'Not found'}` };
}

export default async function StackTimelinePage({ params, searchParams }: Props) {
  const { name } = await openStackSection(params, 'timeline');
  const { op } = await searchParams;
  const read = await readOrExplain(() => readStackHistory(name));
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  if (!read.value.stack) return <StackMissing name={name} section="Timeline" />;
  const operations = groupOperations(read.value.events);
  // An unknown ?op= (an operation gone from the history) falls back to the newest rather than an error.
  const operation = operations.find((candidate) => candidate.id === op) ?? operations[0];
  if (!operation) {
    return (
      <Card title="Timeline">
        <EmptyState title="No operations yet">
          The timeline appears once CloudFormation reports the stack&apos;s first events.
        </EmptyState>
      </Card>
    );
  }
  const timeline = buildTimeline(operation, new Date().toISOString());
  const choices = operations.map((candidate) => ({
    id: candidate.id,
    label: `${candidate.kind} · ${candidate.startedAt.slice(0, 19).replace('T', ' ')} · ${candidate.outcome.replace('-', ' ')}`,
  }));
  return (
    <Card
      title="Timeline"
      actions={
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          {operation.outcome === 'in-progress' && <AutoRefresh seconds={5} />}
          <OperationPicker choices={choices} selected={operation.id} />
        </div>
      }
    >
      <div className="space-y-0.5 border-b border-slate-100 px-4 py-3">
        <OperationFacts operation={operation} />
        <OperationCounts operation={operation} />
      </div>
      {timeline.bars.length === 0 ? (
        <EmptyState title="No resources changed">This operation touched only the stack itself.</EmptyState>
      ) : (
        <TimelineChart timeline={timeline} />
      )}
    </Card>
  );
}
