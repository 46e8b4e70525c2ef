import { describeCondition, sortForTriage } from '@/lib/alarms/describe-condition';
import type { AlarmSummary } from '@/lib/alarms/types';
import { AlarmStateBadge } from './alarm-state-badge';
import { Card } from './card';
import { TimeText } from './time-text';

/** The stack's alarms, worst first, with the rule and CloudWatch's own reason for the current state. */
export function AlarmsCard({ alarms, error }: { alarms: AlarmSummary[] | null; error: string | null }) {
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
  const actions = error ? (
    <span className="text-xs text-amber-700" title={error}>
      Alarm data may be stale
    </span>
  ) : undefined;

  return (
    <Card title={title} actions={actions}>
      {alarms === null ? (
        <p className="px-4 py-6 text-sm text-slate-500" aria-busy>
          {error ? `Could not read alarms: ${error}` : 'Loading alarms…'}
        </p>
      ) : alarms.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">This stack has no alarms named after it.</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="alarms">
          {sortForTriage(alarms).map((alarm) => (
            <li
              key={alarm.arn || alarm.name}
              data-testid="alarm"
              data-state={alarm.state}
              className="grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[7rem_minmax(0,1fr)_auto]"
            >
              <div>
                <AlarmStateBadge state={alarm.state} />
              </div>
              <div className="min-w-0">
                <div className="font-medium text-slate-900 [overflow-wrap:anywhere]">{alarm.name}</div>
                <div className="text-xs text-slate-500">
                  {alarm.namespace} · {describeCondition(alarm)}
                  {!alarm.actionsEnabled && ' · actions off'}
                </div>
                {alarm.stateReason && <p className="mt-1 text-sm text-slate-600 [overflow-wrap:anywhere]">{alarm.stateReason}</p>}
              </div>
              <div className="text-xs text-slate-500 sm:text-right">
                since <TimeText iso={alarm.stateUpdatedAt} withDate />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
