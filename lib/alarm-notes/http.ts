import { z } from 'zod';
import { problem } from '@/lib/auth/guard';
import { json, parseStackName, readBody, withUser } from '@/lib/promotion/http';
import { AlarmNoteError, recordAlarmNote, type AlarmNoteDeps, type AlarmNoteRequest } from './service';

type Ctx = { params: Promise<{ name: string; alarm: string }> };

const text = (field: string) =>
  z.string().trim().min(1, `${field} must not be empty`).max(1000, `${field} must be at most 1000 characters`);

/** The bodies of the three routes: unknown fields are refused. */
export const alarmNoteBodies = {
  acknowledged: z.object({ note: text('note') }).strict(),
  muted: z.object({ reason: text('reason'), expiresAt: z.string().min(1, 'expiresAt is required') }).strict(),
  unmuted: z.object({}).strict(),
};

/** CloudWatch alarm names: 1 to 255 characters, no control characters. */
export function parseAlarmName(raw: string): { ok: true; value: string } | { ok: false; response: Response } {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  if (name.length >= 1 && name.length <= 255 && !/[\u0000-\u001f\u007f]/.test(name)) return { ok: true, value: name };
  return { ok: false, response: problem(400, 'InvalidAlarmName', 'That is not a CloudWatch alarm name (1 to 255 characters).') };
}

/**
 * POST /api/stacks/[name]/alarms/[alarm]/{acknowledge,mute,unmute}: operators and admins (permission
 * `acknowledge-alarms`), same-site JSON only, audited. 201 `{ note, notes }`; 4xx `{ error, message }`.
 */
export async function handleAlarmNote<K extends AlarmNoteRequest['kind']>(
  request: Request,
  ctx: Ctx,
  kind: K,
  deps: () => AlarmNoteDeps,
): Promise<Response> {
  return withUser(request, 'acknowledge-alarms', async (user) => {
    const params = await ctx.params;
    const stack = parseStackName(params.name);
    if (!stack.ok) return stack.response;
    const alarm = parseAlarmName(params.alarm);
    if (!alarm.ok) return alarm.response;
    const body = await readBody<object>(request, alarmNoteBodies[kind]);
    if (!body.ok) return body.response;
    try {
      const result = await recordAlarmNote(deps(), user, stack.value, alarm.value, { kind, ...body.value } as AlarmNoteRequest);
      return json(result, 201);
    } catch (error) {
      if (error instanceof AlarmNoteError) return problem(error.status, error.code, error.message);
      throw error;
    }
  });
}
