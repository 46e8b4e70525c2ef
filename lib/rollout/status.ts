/**
 * How a CloudFormation status reads at a glance. Rollbacks count as failures even when they "complete":
 * ROLLBACK_COMPLETE means the create failed, and on-call should see red.
 */
export type StatusTone = 'progress' | 'success' | 'failure' | 'neutral';

export function toneOf(status: string): StatusTone {
  if (status.includes('FAILED') || status.includes('ROLLBACK')) return 'failure';
  if (status.endsWith('_IN_PROGRESS')) return 'progress';
  if (status === 'DELETE_COMPLETE' || status === 'DELETE_SKIPPED') return 'neutral';
  if (status.endsWith('_COMPLETE') || status === 'IMPORT_COMPLETE') return 'success';
  return 'neutral';
}

/** A stack in a state CloudFormation is still moving out of, so the poller should look often. */
export function isInProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}

/** Stack names as CloudFormation allows them; anything else in a URL is refused before any AWS call. */
export const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

export function isValidStackName(name: string): boolean {
  return STACK_NAME_PATTERN.test(name);
}
