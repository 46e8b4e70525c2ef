import { toneOf } from './status';
import type { StackEvent } from './types';

/** How a stack operation ended, as the Events and Timeline sections show it. */
export type OperationOutcome = 'in-progress' | 'succeeded' | 'failed' | 'rolled-back' | 'unknown';

/** One stack operation (a create, an update, a delete…) and its events. */
export interface StackOperation {
  /** Stable while the operation grows: its token, else the id of its oldest event. */
  id: string;
  token?: string;
  /** Create, Update, Delete, Import, Review; Unknown when the history starts mid-operation. */
  kind: string;
  startedAt: string;
  /** When the stack reached its terminal status; undefined while in progress (or when history is cut short). */
  endedAt?: string;
  /** The stack's own status that closed the operation, e.g. UPDATE_ROLLBACK_COMPLETE. */
  finalStatus?: string;
  outcome: OperationOutcome;
  /** Newest first, as CloudFormation lists them. */
  events: StackEvent[];
  /** Distinct resources (not the stack itself) with events in this operation. */
  resourceCount: number;
  /** Events with a failure tone (FAILED, ROLLBACK). */
  failureCount: number;
}

/** The stack's own events (a nested stack is also AWS::CloudFormation::Stack, but under another logical ID). */
export function isStackEvent(event: StackEvent): boolean {
  return event.resourceType === 'AWS::CloudFormation::Stack' && event.logicalId === event.stackName;
}

/** A stack status that ends an operation. REVIEW_IN_PROGRESS waits for a change set to run: it ends one too. */
function isTerminalStackStatus(status: string): boolean {
  return !status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS';
}

const KINDS: Record<string, string> = {
  CREATE_IN_PROGRESS: 'Create',
  UPDATE_IN_PROGRESS: 'Update',
  DELETE_IN_PROGRESS: 'Delete',
  IMPORT_IN_PROGRESS: 'Import',
  REVIEW_IN_PROGRESS: 'Review',
};

export function outcomeOf(finalStatus: string | undefined): OperationOutcome {
  if (!finalStatus) return 'unknown';
  if (finalStatus === 'REVIEW_IN_PROGRESS') return 'succeeded';
  if (finalStatus.endsWith('_IN_PROGRESS')) return 'in-progress';
  if (finalStatus.endsWith('_FAILED')) return 'failed';
  if (finalStatus.includes('ROLLBACK')) return 'rolled-back';
  return 'succeeded';
}

interface Draft {
  token?: string;
  kind: string;
  closed: boolean;
  finalStatus?: string;
  endedAt?: string;
  /** oldest first while grouping */
  events: StackEvent[];
}

/**
 * Stack events (newest first, as DescribeStackEvents returns them) grouped into operations, newest first. Events
 * of one operation share a ClientRequestToken; events without one are grouped by the stack's own status: an
 * operation starts at the stack's *_IN_PROGRESS event and ends at its terminal status. Events before the first
 * start (history cut short) form an operation of kind Unknown.
 */
export function groupOperations(events: StackEvent[]): StackOperation[] {
  const drafts: Draft[] = [];
  let current: Draft | undefined;

  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i]!;
    const own = isStackEvent(event);
    const token = event.clientRequestToken;
    // A new token opens a new operation; without tokens, whatever follows the stack's terminal status does.
    const startNew = current === undefined || current.token !== token || (token === undefined && current.closed);
    if (startNew) {
      const kind = own ? KINDS[event.status] : undefined;
      current = { token, kind: kind ?? 'Unknown', closed: false, events: [] };
      drafts.push(current);
    }
    const draft = current!;
    draft.events.push(event);
    if (own) {
      draft.finalStatus = event.status;
      draft.closed = isTerminalStackStatus(event.status);
      draft.endedAt = draft.closed ? event.timestamp : undefined;
    }
  }

  // Only the newest operation can still be running: an older one without a terminal event was cut short.
  return drafts.reverse().map((draft, index) => finish(draft, index === 0));
}

function finish(draft: Draft, newest: boolean): StackOperation {
  const resources = new Set<string>();
  let failureCount = 0;
  for (const event of draft.events) {
    if (!isStackEvent(event)) resources.add(event.logicalId);
    if (toneOf(event.status) === 'failure') failureCount += 1;
  }
  const oldest = draft.events[0]!;
  return {
    id: draft.token ?? `from:${oldest.eventId}`,
    ...(draft.token ? { token: draft.token } : {}),
    kind: draft.kind,
    startedAt: oldest.timestamp,
    ...(draft.closed ? { endedAt: draft.endedAt } : {}),
    ...(draft.finalStatus ? { finalStatus: draft.finalStatus } : {}),
    outcome: draft.closed || newest ? outcomeOf(draft.finalStatus) : 'unknown',
    events: [...draft.events].reverse(),
    resourceCount: resources.size,
    failureCount,
  };
}

/** Milliseconds from start to end, or to `now` while in progress; undefined when the end is not known. */
export function operationDurationMs(operation: StackOperation, now?: string): number | undefined {
  const end = operation.endedAt ?? (operation.outcome === 'in-progress' ? now : undefined);
  if (!end) return undefined;
  return Math.max(0, Date.parse(end) - Date.parse(operation.startedAt));
}

/** 860 ms → "0.9 s", 75 s → "1 min 15 s", 2 h 5 min → "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export interface EventFilter {
  failuresOnly: boolean;
  /** matched, case-insensitively, against the logical ID, the resource type and the physical ID */
  resource: string;
}

export const NO_FILTER: EventFilter = { failuresOnly: false, resource: '' };

export function matchesFilter(event: StackEvent, filter: EventFilter): boolean {
  if (filter.failuresOnly && toneOf(event.status) !== 'failure') return false;
  const needle = filter.resource.trim().toLowerCase();
  if (!needle) return true;
  return [event.logicalId, event.resourceType, event.physicalId ?? ''].some((field) => field.toLowerCase().includes(needle));
}

/** One line of the virtualised list: an operation's summary, or one of its events. */
export type OperationRow =
  | { kind: 'operation'; operation: StackOperation; open: boolean; matching: number }
  | { kind: 'event'; operationId: string; event: StackEvent };

/**
 * The rows the Events list draws: each operation's summary, followed by its matching events when it is open.
 * With a filter on, operations without a match are left out. `isOpen` decides which operations are expanded.
 */
export function operationRows(
  operations: StackOperation[],
  isOpen: (operation: StackOperation, index: number) => boolean,
  filter: EventFilter = NO_FILTER,
): OperationRow[] {
  const filtering = filter.failuresOnly || filter.resource.trim() !== '';
  const rows: OperationRow[] = [];
  operations.forEach((operation, index) => {
    const matching = filtering ? operation.events.filter((event) => matchesFilter(event, filter)) : operation.events;
    if (filtering && matching.length === 0) return;
    const open = isOpen(operation, index);
    rows.push({ kind: 'operation', operation, open, matching: matching.length });
    if (open) for (const event of matching) rows.push({ kind: 'event', operationId: operation.id, event });
  });
  return rows;
}

/** Most events one page keeps; localaws and CloudFormation list a stack's history newest first. */
export const MAX_KEPT_EVENTS = 10_000;

/**
 * Live events merged into the known history (both newest first): events not seen before go on top, duplicates
 * (a snapshot repeating what the page already has) are dropped, and the oldest go beyond `max`.
 */
export function mergeEvents(known: StackEvent[], incoming: StackEvent[], max = MAX_KEPT_EVENTS): StackEvent[] {
  if (incoming.length === 0) return known;
  const seen = new Set(known.map((event) => event.eventId));
  const fresh = incoming.filter((event) => !seen.has(event.eventId));
  if (fresh.length === 0) return known;
  return [...fresh, ...known].slice(0, max);
}
