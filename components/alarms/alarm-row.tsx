import Link from '@/components/link';
import { describeCondition } from '@/lib/alarms/describe-condition';
import type { AlarmMarks } from '@/lib/alarms/notes';
import type { AlarmSummary } from '@/lib/alarms/types';
import { AlarmStateBadge } from '../alarm-state-badge';
import { TimeText } from '../time-text';
import { AlarmMarkBadges } from './alarm-marks';

export const alarmHref = (stackName: string, alarmName: string) =>
  `/stacks/${encodeURIComponent(stackName)}/alarms/${encodeURIComponent(alarmName)}`;

/** One alarm in a list: state, name (to its page), metric and rule, CloudWatch's reason, on-call's marks. */
export function AlarmRow({ stackName, alarm, marks }: { stackName: string; alarm: AlarmSummary; marks: AlarmMarks }) {
  return (
    <li
      data-testid="alarm"
      data-alarm={alarm.name}
      data-state={alarm.state}
      data-muted={marks.muted ? 'true' : undefined}
      className={`grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[7rem_minmax(0,1fr)_auto] ${marks.muted ? 'bg-slate-50/70' : ''}`}
    >
      <div>
        <AlarmStateBadge state={alarm.state} />
      </div>
      <div className="min-w-0">
        <Link
          href={alarmHref(stackName, alarm.name)}
          className="font-medium text-slate-900 [overflow-wrap:anywhere] hover:text-sky-700 hover:underline"
        >
          {alarm.name}
        </Link>
        <div className="text-xs text-slate-500">
          {alarm.namespace} · {describeCondition(alarm)}
          {!alarm.actionsEnabled && ' · actions off'}
        </div>
        {alarm.stateReason && <p className="mt-1 text-sm text-slate-600 [overflow-wrap:anywhere]">{alarm.stateReason}</p>}
        <AlarmMarkBadges marks={marks} />
      </div>
      <div className="text-xs text-slate-500 sm:text-right">
        since <TimeText iso={alarm.stateUpdatedAt} withDate />
      </div>
    </li>
  );
}
