import type { Metadata } from 'next';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { EventsByOperation } from '@/components/stack-sections/events-by-operation';
import { StackMissing } from '@/components/stack-sections/section-states';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readStackHistory } from '@/lib/reads/stack';
import { openStackSection, stackNameFrom, type StackParams } from '@/lib/reads/stack-section';

type Props = { params: StackParams; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Events · ${(await stackNameFrom(params)) ?? 'Not found'}` };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function StackEventsPage({ params, searchParams }: Props) {
  const { name } = await openStackSection(params, 'events');
  const query = await searchParams;
  const read = await readOrExplain(() => readStackHistory(name));
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  if (!read.value.stack) return <StackMissing name={name} section="Events" />;
  const filter = { failuresOnly: first(query.failures) === '1', resource: first(query.resource).slice(0, 200) };
  return <EventsByOperation name={name} initialEvents={read.value.events} initialFilter={filter} />;
}
