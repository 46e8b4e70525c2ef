import { handleAlarmNote } from '@/lib/alarm-notes/http';
import { alarmNoteDeps } from '@/lib/reads/alarms';

type Ctx = { params: Promise<{ name: string; alarm: string }> };

/** Acknowledge one of the stack's alarms (lib/alarm-notes/http.ts): 201 `{ note, notes }`. */
export async function POST(request: Request, ctx: Ctx) {
  return handleAlarmNote(request, ctx, 'acknowledged', alarmNoteDeps);
}
