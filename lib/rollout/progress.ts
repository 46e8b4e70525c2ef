import { toneOf } from './status';
import type { StackEvent } from './types';

export interface OperationProgress {
  /** Resources whose latest event in this operation finished well. */
  complete: number;
  inProgress: number;
  failed: number;
  /** Deleted during the operation: removed by an update, or undone by a rollback. */
  removed: number;
  /** The stack-level status that opened the operation, e.g. CREATE_IN_PROGRESS. */
  operation?: string;
}

/**
 * Where the current stack operation stands, from its events alone (no extra AWS call). Events of one operation
 * share a ClientRequestToken; without tokens the operation starts at the newest "User Initiated" stack event.
 */
export function operationProgress(events: StackEvent[]): OperationProgress {
  const current = currentOperationEvents(events);
  const latest = new Map<string, string>();
  let operation: string | undefined;
  for (const event of current) {
    if (event.resourceType === 'AWS::CloudFormation::Stack') {
      if (event.reason === 'User Initiated') operation = event.status;
      continue;
    }
    // Newest first, so the first status seen for a resource is its latest.
    if (!latest.has(event.logicalId)) latest.set(event.logicalId, event.status);
  }
  const progress: OperationProgress = { complete: 0, inProgress: 0, failed: 0, removed: 0, operation };
  for (const status of latest.values()) {
    const tone = toneOf(status);
    if (tone === 'failure') progress.failed += 1;
    else if (tone === 'progress') progress.inProgress += 1;
    else if (status.startsWith('DELETE_')) progress.removed += 1;
    else progress.complete += 1;
  }
  return progress;
}

/** The events of the newest stack operation, newest first. */
export function currentOperationEvents(events: StackEvent[]): StackEvent[] {
  const token = events[0]?.clientRequestToken;
  if (token) {
    const end = events.findIndex((event) => event.clientRequestToken !== token);
    return end === -1 ? events : events.slice(0, end);
  }
  const start = events.findIndex(
    (event) => event.resourceType === 'AWS::CloudFormation::Stack' && event.reason === 'User Initiated',
  );
  return start === -1 ? events : events.slice(0, start + 1);
}
