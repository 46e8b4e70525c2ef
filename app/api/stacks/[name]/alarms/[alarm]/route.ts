import { problem } from '@/lib/auth/guard';
import { parseAlarmName } from '@/lib/alarm-notes/http';
import { alarmMarks } from '@/lib/alarms/notes';
import { json, parseStackName, withUser } from '@/lib/promotion/http';
import { readAlarm } from '@/lib/reads/alarms';

type Ctx = { params: Promise<{ name: string; alarm: string }> };

/**
 * One of the stack's alarms as the server sees it now: its state and on-call's marks on it (acknowledged, muted,
 * or a mute that has run out), decided by the server's clock. Read-only, every role.
 */
export async function GET(request: Request, ctx: Ctx) {
  return withUser(request, 'read', async () => {
    const params = await ctx.params;
    const stack = parseStackName(params.name);
    if (!stack.ok) return stack.response;
    const alarm = parseAlarmName(params.alarm);
    if (!alarm.ok) return alarm.response;
    const read = await readAlarm(stack.value, alarm.value);
    if (!read) return problem(404, 'AlarmNotFound', `${alarm.value} is not one of ${stack.value}'s alarms.`);
    const { name, state, stateUpdatedAt } = read.alarm;
    const at = new Date();
    return json({ name, state, stateUpdatedAt, marks: alarmMarks(read.alarm, read.notes, at), at: at.toISOString() });
  });
}
