import Link from '@/components/link';
import type { CmkState, FleetEnvironment, LastExecution } from '@/lib/fleet/types';
import { Badge, type BadgeTone } from '../badge';

/** Pieces of one environment shared by the table row and the phone card. No hooks: server or client alike. */

export function stackHref(name: string): string {
  return `/stacks/${encodeURIComponent(name)}`;
}

export function EnvironmentLink({ name }: { name: string }) {
  return (
    <Link href={stackHref(name)} className="font-medium break-all text-sky-700 hover:text-sky-900 hover:underline">
      {name}
    </Link>
  );
}

export function ModeBadge({ mode }: { mode: string | null }) {
  if (!mode) return <span className="text-slate-400">—</span>;
  return (
    <Badge tone={mode === 'apply' ? 'warning' : 'neutral'} dot={false} data-testid="fleet-mode">
      {mode}
    </Badge>
  );
}

const CMK: Record<CmkState['kind'], { tone: BadgeTone; label: string }> = {
  bound: { tone: 'success', label: 'bound' },
  'not-bound': { tone: 'neutral', label: 'not bound' },
  problem: { tone: 'failure', label: 'problem' },
  unknown: { tone: 'neutral', label: 'unknown' },
};

export function CmkBadge({ env }: { env: FleetEnvironment }) {
  if (!env.details) return <Pending />;
  const { cmk } = env.details;
  const { tone, label } = CMK[cmk.kind];
  return (
    <Badge tone={tone} data-testid="fleet-cmk" title={'reason' in cmk ? cmk.reason : undefined}>
      {label}
    </Badge>
  );
}

export function AlarmsCell({ env }: { env: FleetEnvironment }) {
  if (!env.details) return <Pending />;
  const { alarmsInAlarm, alarmCount } = env.details;
  if (alarmCount === 0) return <span className="text-slate-400">no alarms</span>;
  if (alarmsInAlarm.length === 0) {
    return (
      <span data-testid="fleet-alarms" data-count={0} className="text-slate-600">
        0 of {alarmCount} in ALARM
      </span>
    );
  }
  return (
    <div data-testid="fleet-alarms" data-count={alarmsInAlarm.length} className="min-w-0">
      <Badge tone="failure">{alarmsInAlarm.length} in ALARM</Badge>
      <ul className="mt-1 space-y-0.5 text-xs text-rose-800">
        {alarmsInAlarm.map((name) => (
          <li key={name} className="truncate" title={name}>
            {name}
          </li>
        ))}
      </ul>
    </div>
  );
}

const EXECUTION_TONE: Record<string, BadgeTone> = {
  SUCCEEDED: 'success',
  RUNNING: 'progress',
  FAILED: 'failure',
  TIMED_OUT: 'failure',
  ABORTED: 'warning',
};

export function LastExecutionCell({ env }: { env: FleetEnvironment }) {
  if (!env.details) return <Pending />;
  const execution: LastExecution | null = env.details.lastExecution;
  if (!execution) return <span className="text-slate-400">none yet</span>;
  return (
    <div className="min-w-0" data-testid="fleet-execution">
      <Badge tone={EXECUTION_TONE[execution.status] ?? 'neutral'}>{execution.status}</Badge>
      <div className="mt-0.5 truncate text-xs text-slate-500" title={execution.name}>
        {execution.name} · {shortTime(execution.stoppedAt ?? execution.startedAt)}
      </div>
    </div>
  );
}

/** UTC, like TimeText: the server and every viewer render the same text. */
export function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function Pending() {
  return <span aria-label="loading" className="inline-block h-3 w-16 animate-pulse rounded bg-slate-200" />;
}
