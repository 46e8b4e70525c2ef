import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { AlarmStatusPanel } from '@/components/alarms/alarm-status-panel';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import { TableSkeleton } from '@/components/skeletons';
import { AlarmMetricCard, AlarmHistoryCard } from '@/components/alarms/alarm-detail-cards';
import { describeCondition } from '@/lib/alarms/describe-condition';
import { parseHistoryFilter } from '@/lib/alarms/history';
import { parseTimeRange } from '@/lib/alarms/chart';
import { requireUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { decodeSegment, readAlarm } from '@/lib/reads/alarms';
import { stackPath } from '@/lib/reads/stack-section';
import { isValidStackName } from '@/lib/rollout/status';

type Props = {
  params: Promise<{ name: string; alarm: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeSegment((await params).alarm) ?? 'Not found' };
}

export default async function AlarmPage({ params, searchParams }: Props) {
  await connection();
  const raw = await params;
  const name = decodeSegment(raw.name);
  const alarmName = decodeSegment(raw.alarm);
  if (!name || !isValidStackName(name) || !alarmName || alarmName.length > 255) notFound();
  const base = `/stacks/${encodeURIComponent(name)}/alarms/${encodeURIComponent(alarmName)}`;
  const user = await requireUser(base);
  const query = await searchParams;
  const range = parseTimeRange(query.range);
  const filter = parseHistoryFilter(query.history);
  const href = (next: { range?: string; history?: string }) => {
    const search = new URLSearchParams({ range: next.range ?? range.id, history: next.history ?? filter });
    return `${base}?${search}`;
  };

  const read = await readOrExplain(() => readAlarm(name, alarmName));
  if (read.ok && read.value === null) notFound();
  const heading = (
    <PageHeading
      eyebrow={
        <span className="flex flex-wrap gap-1">
          <Link href={stackPath(name)} className="hover:text-slate-900 hover:underline">
            {name}
          </Link>
          <span aria-hidden>/</span>
          <Link href={stackPath(name, 'alarms')} className="hover:text-slate-900 hover:underline">
            Alarms
          </Link>
        </span>
      }
      title={<span className="[overflow-wrap:anywhere] whitespace-normal">{alarmName}</span>}
      subtitle={
        read.ok && read.value ? `${read.value.alarm.namespace ?? ''} · ${describeCondition(read.value.alarm)}` : undefined
      }
    />
  );
  if (!read.ok || !read.value) {
    return (
      <div className="space-y-6">
        {heading}
        {!read.ok && <AwsUnavailable message={read.message} code={read.code} />}
      </div>
    );
  }
  const { alarm, notes } = read.value;

  return (
    <div className="space-y-6">
      {heading}
      <AlarmStatusPanel
        stackName={name}
        alarmName={alarm.name}
        initial={{ alarms: [alarm], notes, error: null }}
        canAct={can(user.role, 'acknowledge-alarms')}
      />
      <Suspense
        key={range.id}
        fallback={
          <Card title="Metric">
            <TableSkeleton rows={4} />
          </Card>
        }
      >
        <AlarmMetricCard alarm={alarm} range={range} hrefFor={(id) => href({ range: id })} />
      </Suspense>
      <Suspense
        key={filter}
        fallback={
          <Card title="History">
            <TableSkeleton rows={3} />
          </Card>
        }
      >
        <AlarmHistoryCard alarm={alarm} filter={filter} hrefFor={(id) => href({ history: id })} />
      </Suspense>
    </div>
  );
}
