import type { Metadata } from 'next';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { ChangeSetCard } from '@/components/stack-sections/change-set-card';
import { EmptyState, StackMissing } from '@/components/stack-sections/section-states';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readChangeSets } from '@/lib/reads/stack';
import { openStackSection, stackNameFrom, type StackParams } from '@/lib/reads/stack-section';

type Props = { params: StackParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Change sets · ${(await stackNameFrom(params)) ?? 'Not found'}` };
}

export default async function StackChangeSetsPage({ params }: Props) {
  const { name } = await openStackSection(params, 'change-sets');
  const read = await readOrExplain(() => readChangeSets(name));
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  if (!read.value.stack) return <StackMissing name={name} section="Change sets" />;
  if (read.value.changeSets.length === 0) {
    return (
      <Card title="Change sets">
        <EmptyState title="No change sets">
          This stack has no change sets waiting. A promotion creates one for review; executing it (or a direct update) removes it.
        </EmptyState>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {read.value.changeSets.map((changeSet) => (
        <ChangeSetCard key={changeSet.arn} changeSet={changeSet} />
      ))}
    </div>
  );
}
