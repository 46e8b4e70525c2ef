import type { AlarmMarks } from '@/lib/alarms/notes';
import { Badge } from '../badge';
import { TimeText } from '../time-text';

/** The acknowledgement and mute on an alarm, as badges with who, the note and until when. */
export function AlarmMarkBadges({ marks, detailed = false }: { marks: AlarmMarks; detailed?: boolean }) {
  const { acknowledged, muted, muteExpired } = marks;
  if (!acknowledged && !muted && !muteExpired) return null;
  return (
    <div className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-600" data-testid="alarm-marks">
      {acknowledged && (
        <span className="inline-flex min-w-0 flex-wrap items-center gap-1.5" data-testid="acknowledged">
          <Badge tone="progress">Acknowledged by {acknowledged.byName}</Badge>
          {acknowledged.note && <span className="[overflow-wrap:anywhere]">“{acknowledged.note}”</span>}
          {detailed && (
            <span className="text-slate-500">
              at <TimeText iso={acknowledged.at} withDate />
            </span>
          )}
        </span>
      )}
      {muted && (
        <span
          className="inline-flex min-w-0 flex-wrap items-center gap-1.5"
          data-testid="muted"
          data-expires-at={muted.expiresAt}
        >
          <Badge tone="warning">
            Muted until <TimeText iso={muted.expiresAt} withDate={detailed} /> UTC
          </Badge>
          {muted.reason && <span className="[overflow-wrap:anywhere]">{muted.reason}</span>}
          {detailed && <span className="text-slate-500">by {muted.byName}</span>}
        </span>
      )}
      {muteExpired && (
        <span data-testid="mute-expired">
          <Badge tone="neutral" dot={false}>
            Mute expired <TimeText iso={muteExpired.expiresAt} withDate={detailed} /> UTC
          </Badge>
        </span>
      )}
    </div>
  );
}
