'use client';

import { sortForTriage } from '@/lib/alarms/describe-condition';
import { alarmMarks, nextMarksChange } from '@/lib/alarms/notes';
import { Card } from '../card';
import { AlarmRow } from './alarm-row';
import { useNow, useStackAlarms, type StackAlarmsState } from './use-stack-alarms';

/** The alarms section: every alarm of the stack, worst first, live, with acknowledgements and mutes. */
export function AlarmsList({ stackName, initial }: { stackName: string; initial: StackAlarmsState }) {
  const { alarms, notes, error } = useStackAlarms(stackName, initial);
  const firstMuteEnd = Math.min(...alarms.map((alarm) => nextMarksChange(alarmMarks(alarm, notes, new Date())) ?? Infinity));
  const now = useNow(15_000, Number.isFinite(firstMuteEnd) ? firstMuteEnd : null);
  const firing = alarms.filter((a) => a.state === 'ALARM').length;

  return (
    <Card
      title={
        <>
          Alarms{' '}
          <span className={`ml-1 font-normal ${firing ? 'text-rose-700' : 'text-slate-500'}`}>
            {firing ? `${firing} of ${alarms.length} in alarm` : alarms.length}
          </span>
        </>
      }
      actions={
        error ? (
          <span className="text-xs text-amber-700" title={error} role="status">
            Alarm data may be stale
          </span>
        ) : (
          <span className="text-xs text-slate-500">Live</span>
        )
      }
    >
      {alarms.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-slate-500">
          This stack has no CloudWatch alarms: none among its resources, and none on its workflow&apos;s metrics.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="alarms">
          {sortForTriage(alarms).map((alarm) => (
            <AlarmRow key={alarm.arn || alarm.name} stackName={stackName} alarm={alarm} marks={alarmMarks(alarm, notes, now)} />
          ))}
        </ul>
      )}
      <p className="border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500">
        An acknowledgement lasts while the alarm stays in ALARM: once it goes back to OK, the next ALARM needs a new one.
      </p>
    </Card>
  );
}
