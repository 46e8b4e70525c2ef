import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { AlarmsList } from '@/components/alarms/alarms-list';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import { requireUser } from '@/lib/auth/guard';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { decodeSegment, readAlarms } from '@/lib/reads/alarms';
import { isValidStackName } from '@/lib/rollout/status';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Alarms · ${decodeSegment((await params).name) ?? 'Not found'}` };
}

export default async function AlarmsPage({ params }: Props) {
  await connection();
  const name = decodeSegment((await params).name);
  if (!name || !isValidStackName(name)) notFound();
  await requireUser(`/stacks/${encodeURIComponent(name)}/alarms`);
  const read = await readOrExplain(() => readAlarms(name));
  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={
          <Link href={`/stacks/${encodeURIComponent(name)}`} className="hover:text-slate-900 hover:underline">
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
