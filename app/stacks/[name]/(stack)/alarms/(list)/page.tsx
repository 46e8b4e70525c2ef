import type { Metadata } from 'next';
import Link from '@/components/link';
import { AlarmsList } from '@/components/alarms/alarms-list';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readAlarms } from '@/lib/reads/alarms';
import { openStackSection, stackNameFrom, stackPath, type StackParams } from '@/lib/reads/stack-section';

type Props = { params: StackParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Alarms · ${(await stackNameFrom(params)) ?? 'Not found'}` };
}

export default async function AlarmsPage({ params }: Props) {
  const { name } = await openStackSection(params, 'alarms');
  const read = await readOrExplain(() => readAlarms(name));
  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={
          <Link href={stackPath(name)} className="hover:text-slate-900 hover:underline">
            {name}
          </Link>
        }
        title="Alarms"
        subtitle="The stack's own alarms and the alarms on its workflow, worst first."
      />
      {!read.ok ? (
        <AwsUnavailable message={read.message} code={read.code} />
      ) : read.value === null ? (
        <Card title="Alarms">
          <p className="px-4 py-10 text-center text-sm text-slate-600">
            No stack named <span className="font-mono font-medium text-slate-900">{name}</span> exists here, so it has no alarms.
          </p>
        </Card>
      ) : (
        <AlarmsList stackName={name} initial={{ ...read.value, error: null }} />
      )}
    </div>
  );
}
