'use client';

import { alarmMarks, nextMarksChange } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import { AlarmStateBadge } from '../alarm-state-badge';
import { Card } from '../card';
import { TimeText } from '../time-text';
import { AlarmActions } from './alarm-actions';
import { AlarmMarkBadges } from './alarm-marks';
import { useNow, useStackAlarms, type StackAlarmsState } from './use-stack-alarms';

/** The alarm's state now (live), CloudWatch's reason, on-call's marks and, for operators, what they can do. */
export function AlarmStatusPanel({
  stackName,
  alarmName,
  initial,
  canAct,
}: {
  stackName: string;
  alarmName: string;
  initial: StackAlarmsState;
  canAct: boolean;
}) {
  const { alarms, notes, error, applyNotes } = useStackAlarms(stackName, initial);
  const alarm = alarms.find((a) => a.name === alarmName) ?? (initial.alarms.find((a) => a.name === alarmName) as AlarmSummary);
  const now = useNow(15_000, nextMarksChange(alarmMarks(alarm, notes, new Date())));
  const marks = alarmMarks(alarm, notes, now);

  return (
    <Card
      title="Now"
      actions={
        error ? (
          <span className="text-xs text-amber-700" title={error}>
            Alarm data may be stale
          </span>
        ) : (
          <span className="text-xs text-slate-500">Live</span>
        )
      }
    >
      <div className="space-y-3 px-4 py-4" data-testid="alarm-status" data-state={alarm.state}>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <AlarmStateBadge state={alarm.state} />
          <span>
            since <TimeText iso={alarm.stateUpdatedAt} withDate /> UTC
          </span>
        </div>
        {alarm.stateReason && <p className="text-sm text-slate-700 [overflow-wrap:anywhere]">{alarm.stateReason}</p>}
        <AlarmMarkBadges marks={marks} detailed />
        {canAct ? (
          <AlarmActions stackName={stackName} alarmName={alarm.name} state={alarm.state} marks={marks} onNotes={applyNotes} />
        ) : (
          <p className="text-xs text-slate-500">Operators can acknowledge and mute alarms; your role can read them.</p>
        )}
        <p className="text-xs text-slate-500">
          An acknowledgement lasts while the alarm stays in ALARM: once it goes back to OK, the next ALARM needs a new one. A mute
          ends at its time or when someone unmutes it.
        </p>
      </div>
    </Card>
  );
}
