import type { StackResourceSummary } from '@/lib/aws/cloudformation-resources';
import type { AlarmSummary } from './types';

/**
 * Which alarms are the stack's: its own `AWS::CloudWatch::Alarm` resources (their physical IDs are the alarm
 * names), plus alarms anyone put on the workflow's AWS/States metrics with the stack's state machine as
 * `StateMachineArn`. A name prefix is not enough: `Payments-prod-db-errors` starts with `Payments-` and is not
 * the `Payments` stack's.
 */
export function stackAlarmNames(resources: StackResourceSummary[], stateMachineAlarms: AlarmSummary[] = []): string[] {
  const names = new Set<string>();
  for (const resource of resources) {
    if (resource.type === 'AWS::CloudWatch::Alarm' && resource.physicalId) names.add(resource.physicalId);
  }
  for (const alarm of stateMachineAlarms) names.add(alarm.name);
  return [...names].sort();
}

/** Whether `alarm` watches an AWS/States metric of `stateMachineArn` (a second check on DescribeAlarmsForMetric). */
export function watchesStateMachine(alarm: AlarmSummary, stateMachineArn: string): boolean {
  return (
    alarm.namespace === 'AWS/States' && alarm.dimensions.some((d) => d.name === 'StateMachineArn' && d.value === stateMachineArn)
  );
}

/** The alarm resources' state, for deciding when the cached list is worth reading again. */
export function resourceFingerprint(stack: { stackId: string; status: string; updatedAt?: string } | null): string {
  return stack ? `${stack.stackId}|${stack.status}|${stack.updatedAt ?? ''}` : '';
}
