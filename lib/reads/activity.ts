import { listAlarmTransitions } from '@/lib/aws/cloudwatch-history';
import { describeStack, listStackEventsSince } from '@/lib/aws/cloudformation';
import { listStackResources } from '@/lib/aws/cloudformation-resources';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { listExecutionsPage } from '@/lib/aws/sfn-executions';
import { mergeActivity, type ActivityPage } from '@/lib/activity/merge';
import { alarmNoteItems, alarmTransitionItems, executionItems, promotionItems, stackEventItems } from '@/lib/activity/sources';
import type { ActivityItem, ActivityKind, AlarmNote } from '@/lib/activity/types';
import { getStore } from '@/lib/store';

/** How far back each source reaches: the newest this many of each. */
const EVENTS_LIMIT = 500;
const EXECUTIONS_LIMIT = 100;
const AUDIT_LIMIT = 500;
const TRANSITIONS_PER_ALARM = 100;
const NOTES_LIMIT = 500;

/** The acknowledgements, mutes and unmutes of this stack's alarms, newest first (tapdeck's store). */
export async function readAlarmNotes(stackName: string): Promise<AlarmNote[]> {
  const notes = await getStore().listAlarmNotes(stackName, { limit: NOTES_LIMIT });
  return notes.map((note) => ({
    id: String(note.id),
    alarmName: note.alarmName,
    kind: note.kind,
    at: note.at,
    actorName: note.byName,
    comment: note.kind === 'muted' ? note.reason : note.note,
    until: note.expiresAt,
  }));
}

export interface ActivityRead {
  /** null when the stack does not exist */
  page: ActivityPage | null;
  /** sources that could not be read (the rest is shown): "Alarm changes: AccessDenied: …" */
  warnings: string[];
}

/**
 * The stack's timeline page. Reads only the sources the filter needs; each source fails on its own, so an
 * unreadable alarm history still leaves the events, executions and promotions on the page.
 */
export async function readActivity(
  stackName: string,
  options: { kinds: ActivityKind[]; before?: string },
): Promise<ActivityRead> {
  const stackRead = await readOrExplain(() => describeStack(stackName));
  if (!stackRead.ok) return { page: null, warnings: [`Stack: ${stackRead.message}`] };
  const stack = stackRead.value;
  if (!stack) return { page: null, warnings: [] };
  const wants = (...kinds: ActivityKind[]) => options.kinds.length === 0 || kinds.some((k) => options.kinds.includes(k));
  const warnings: string[] = [];
  const source = async (label: string, read: () => Promise<ActivityItem[]>): Promise<ActivityItem[]> => {
    const result = await readOrExplain(read);
    if (result.ok) return result.value;
    warnings.push(`${label}: ${result.message}`);
    return [];
  };
  const audit = wants('execution', 'promotion') ? await getStore().listAudit({ stackName, limit: AUDIT_LIMIT }) : [];
  const stateMachineArn = stack.outputs.StateMachineArn;

  const sources = await Promise.all([
    wants('stack-event')
      ? source('Stack events', async () =>
          stackEventItems(stackName, await listStackEventsSince(stackName, undefined, EVENTS_LIMIT)),
        )
      : [],
    wants('alarm')
      ? source('Alarm changes', async () => {
          const alarms = (await listStackResources(stackName))
            .filter((r) => r.type === 'AWS::CloudWatch::Alarm' && r.physicalId)
            .map((r) => r.physicalId!);
          return alarmTransitionItems(stackName, await listAlarmTransitions(alarms, TRANSITIONS_PER_ALARM));
        })
      : [],
    wants('execution')
      ? source('Executions', async () =>
          executionItems(stackName, stateMachineArn ? await listExecutionsPage(stateMachineArn, EXECUTIONS_LIMIT) : [], audit),
        )
      : [],
    promotionItems(stackName, audit),
    wants('acknowledged', 'muted', 'unmuted') ? alarmNoteItems(stackName, await readAlarmNotes(stackName)) : [],
  ]);
  return { page: mergeActivity(sources, options), warnings };
}
