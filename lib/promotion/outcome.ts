import { findRootCause } from '@/lib/rollout/root-cause';
import type { StackEvent } from '@/lib/rollout/types';

/** How a promotion's update ended, read from the stack's events: pure, so the watcher's judgement is testable. */
export type UpdateOutcome =
  | { kind: 'running' }
  | { kind: 'complete'; event: StackEvent }
  | { kind: 'rolled-back'; event: StackEvent; cause: string }
  | { kind: 'failed'; event: StackEvent; cause: string };

const STACK_TYPE = 'AWS::CloudFormation::Stack';

/**
 * The outcome of the operation started with `token` (ClientRequestToken: CloudFormation stamps it on every event
 * of that operation), from events newest first. Another operation that followed does not confuse it.
 */
export function updateOutcome(events: StackEvent[], stackName: string, token: string): UpdateOutcome {
  const ours = events.filter((event) => event.clientRequestToken === token);
  const final = ours.find(
    (event) => event.resourceType === STACK_TYPE && event.logicalId === stackName && isTerminal(event.status),
  );
  if (!final) return { kind: 'running' };
  if (final.status === 'UPDATE_COMPLETE') return { kind: 'complete', event: final };
  if (final.status === 'UPDATE_ROLLBACK_COMPLETE')
    return { kind: 'rolled-back', event: final, cause: rollbackCause(ours, stackName) };
  const cause = rollbackCause(ours, stackName) || `${final.status}${final.reason ? `: ${final.reason}` : ''}`;
  return { kind: 'failed', event: final, cause };
}

const isTerminal = (status: string) => !status.endsWith('_IN_PROGRESS');

/** "… arn:aws:cloudwatch:us-east-1:000000000000:alarm:TapStack-dev-errors …" → TapStack-dev-errors */
const ALARM_ARN = /arn:aws[a-z-]*:cloudwatch:[^:]*:\d*:alarm:([^,\]\s]+)/g;

/**
 * Why the operation rolled back, in a sentence: the failing resource and its service message (as the stack page
 * shows it), or, when no resource failed, the rollback trigger: the alarm(s) CloudFormation saw in ALARM.
 */
export function rollbackCause(ours: StackEvent[], stackName: string): string {
  const root = findRootCause(ours);
  if (root) return `${root.event.logicalId} (${root.event.resourceType}) ${root.event.status}: ${root.message}`;
  const start = ours.find(
    (event) => event.resourceType === STACK_TYPE && event.logicalId === stackName && /ROLLBACK_IN_PROGRESS$/.test(event.status),
  );
  const reason = start?.reason ?? '';
  const alarms = [...reason.matchAll(ALARM_ARN)].map((m) => m[1]);
  if (alarms.length > 0) {
    const which = alarms.length === 1 ? `alarm ${alarms[0]} went` : `alarms ${alarms.join(', ')} went`;
    return `rollback trigger: ${which} to ALARM during the update or its monitoring time (CloudFormation: "${reason.trim()}")`;
  }
  return reason.trim() || 'CloudFormation gave no reason';
}
