import type { Metadata } from 'next';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { ResourcesTable } from '@/components/stack-sections/resources-table';
import { EmptyState, StackMissing } from '@/components/stack-sections/section-states';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readStackResources } from '@/lib/reads/stack';
import { openStackSection, stackNameFrom, type StackParams } from '@/lib/reads/stack-section';

type Props = { params: StackParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Resources · ${(await stackNameFrom(params)) ?? 'Not found'}` };
}

export default async function StackResourcesPage({ params }: Props) {
  const { name } = await openStackSection(params, 'resources');
  const read = await readOrExplain(() => readStackResources(name));
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  if (!read.value.stack) return <StackMissing name={name} section="Resources" />;
  return (
    <Card title="Resources">
      {read.value.resources.length === 0 ? (
        <EmptyState title="No resources">This stack has no resources yet, or they were all deleted.</EmptyState>
      ) : (
        <ResourcesTable resources={read.value.resources} />
      )}
    </Card>
  );
}
