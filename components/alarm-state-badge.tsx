import type { AlarmState } from '@/lib/alarms/types';

const classes: Record<AlarmState, string> = {
  ALARM: 'bg-rose-50 text-rose-800 ring-rose-200',
  OK: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  INSUFFICIENT_DATA: 'bg-slate-100 text-slate-700 ring-slate-200',
};
const dots: Record<AlarmState, string> = {
  ALARM: 'bg-rose-500 animate-pulse',
  OK: 'bg-emerald-500',
  INSUFFICIENT_DATA: 'bg-slate-400',
};
const labels: Record<AlarmState, string> = { ALARM: 'In alarm', OK: 'OK', INSUFFICIENT_DATA: 'No data' };

export function AlarmStateBadge({ state }: { state: AlarmState }) {
  return (
    <span
      data-state={state}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${classes[state]}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${dots[state]}`} />
      {labels[state]}
    </span>
  );
}
