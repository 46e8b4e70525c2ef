'use client';

import Link from '@/components/link';
import { sortForTriage } from '@/lib/alarms/describe-condition';
import { alarmMarks, nextMarksChange, type AlarmNote } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import { AlarmRow } from './alarms/alarm-row';
import { useNow } from './alarms/use-stack-alarms';
import { Card } from './card';

/**
 * The stack's alarms on the Overview, worst first, with the rule, CloudWatch's reason, and on-call's
 * acknowledgements and mutes (a mute that ran out stops muting on screen at its end).
 */
export function AlarmsCard({
  stackName,
  alarms,
  notes,
  error,
}: {
  stackName: string;
  alarms: AlarmSummary[] | null;
  notes: readonly AlarmNote[];
  error: string | null;
}) {
  const firstMuteEnd = Math.min(
    ...(alarms ?? []).map((alarm) => nextMarksChange(alarmMarks(alarm, notes, new Date())) ?? Infinity),
  );
  const now = useNow(15_000, Number.isFinite(firstMuteEnd) ? firstMuteEnd : null);
  const firing = alarms?.filter((a) => a.state === 'ALARM').length ?? 0;
  const title = (
    <>
      Alarms{' '}
      {alarms && (
        <span className={`ml-1 font-normal ${firing ? 'text-rose-700' : 'text-slate-500'}`}>
          {firing ? `${firing} in alarm` : alarms.length}
        </span>
      )}
    </>
  );
  const actions = (
    <span className="flex items-center gap-3 text-xs">
      {error && (
        <span className="text-amber-700" title={error}>
          Alarm data may be stale
        </span>
      )}
      <Link href={`/stacks/${encodeURIComponent(stackName)}/alarms`} className="font-medium text-sky-700 hover:underline">
        All alarms →
      </Link>
    </span>
  );

  return (
    <Card title={title} actions={actions}>
      {alarms === null ? (
        <p className="px-4 py-6 text-sm text-slate-500" aria-busy>
          {error ? `Could not read alarms: ${error}` : 'Loading alarms…'}
        </p>
      ) : alarms.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">This stack has no alarms among its resources or on its workflow.</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="alarms">
          {sortForTriage(alarms).map((alarm) => (
            <AlarmRow key={alarm.arn || alarm.name} stackName={stackName} alarm={alarm} marks={alarmMarks(alarm, notes, now)} />
          ))}
        </ul>
      )}
    </Card>
  );
}
