import { isStackEvent, type StackOperation } from './operations';
import { KNOCK_ON } from './root-cause';
import type { StackEvent } from './types';

/** How one resource's bar is coloured. */
export type BarOutcome = 'success' | 'failure' | 'cancelled' | 'removed' | 'in-progress';

export interface TimelineBar {
  logicalId: string;
  resourceType: string;
  /** ms from the operation's start */
  startMs: number;
  durationMs: number;
  outcome: BarOutcome;
  /** the status that ended the bar (or the latest one while it is still moving) */
  status: string;
  reason?: string;
  /** the failure that started the trouble: the oldest *_FAILED that is not a knock-on cancellation */
  rootCause: boolean;
  /**
   * The resource's last status in the operation when it moved on after the bar (e.g. DELETE_COMPLETE when a
   * rollback removed what the operation had created).
   */
  finalStatus?: string;
}

export interface Timeline {
  /** ms from the operation's first event to its end (or to `now` while in progress) */
  totalMs: number;
  bars: TimelineBar[];
}

const isInProgress = (status: string) => status.endsWith('_IN_PROGRESS');

function barOutcome(status: string, reason: string | undefined): BarOutcome {
  if (isInProgress(status)) return 'in-progress';
  if (status.endsWith('_FAILED')) return KNOCK_ON.some((pattern) => pattern.test(reason ?? '')) ? 'cancelled' : 'failure';
  if (status.startsWith('DELETE_')) return 'removed';
  return 'success';
}

/**
 * A per-resource Gantt of one operation: each resource's bar runs from its first *_IN_PROGRESS to the first
 * COMPLETE/FAILED after it (what the operation did to it), ordered by when it started. A resource still moving
 * runs to `now` (or to the operation's end); a rollback's later work on it is noted as its final status.
 */
export function buildTimeline(operation: StackOperation, now: string): Timeline {
  const oldestFirst = [...operation.events].reverse();
  const origin = Date.parse(operation.startedAt);
  const end = Date.parse(operation.endedAt ?? (operation.outcome === 'in-progress' ? now : latest(oldestFirst)));
  const byResource = new Map<string, StackEvent[]>();
  for (const event of oldestFirst) {
    if (isStackEvent(event)) continue;
    const list = byResource.get(event.logicalId) ?? [];
    list.push(event);
    byResource.set(event.logicalId, list);
  }

  const bars: TimelineBar[] = [];
  for (const [logicalId, resourceEvents] of byResource) {
    const startIndex = resourceEvents.findIndex((event) => isInProgress(event.status));
    const first = resourceEvents[Math.max(startIndex, 0)]!;
    const closing = resourceEvents.slice(Math.max(startIndex, 0)).find((event) => !isInProgress(event.status));
    const last = resourceEvents[resourceEvents.length - 1]!;
    const shown = closing ?? last;
    const startMs = Date.parse(first.timestamp) - origin;
    const stopMs = closing ? Date.parse(closing.timestamp) - origin : end - origin;
    bars.push({
      logicalId,
      resourceType: first.resourceType,
      startMs: Math.max(0, startMs),
      durationMs: Math.max(0, stopMs - startMs),
      outcome: closing ? barOutcome(closing.status, closing.reason) : 'in-progress',
      status: shown.status,
      ...(shown.reason ? { reason: shown.reason } : {}),
      rootCause: false,
      ...(closing && last !== closing ? { finalStatus: last.status } : {}),
    });
  }
  bars.sort((a, b) => a.startMs - b.startMs || a.logicalId.localeCompare(b.logicalId));

  // The root cause: the failure that ended first (not the first bar to start).
  const failures = bars.filter((bar) => bar.outcome === 'failure');
  const root = failures.reduce<TimelineBar | undefined>(
    (best, bar) => (!best || bar.startMs + bar.durationMs < best.startMs + best.durationMs ? bar : best),
    undefined,
  );
  if (root) root.rootCause = true;

  const lastBarEnd = Math.max(0, ...bars.map((bar) => bar.startMs + bar.durationMs));
  return { totalMs: Math.max(end - origin, lastBarEnd), bars };
}

function latest(oldestFirst: StackEvent[]): string {
  return oldestFirst[oldestFirst.length - 1]!.timestamp;
}

/** Tick marks for an axis of `totalMs`: a round step giving about `count` ticks. */
export function axisTicks(totalMs: number, count = 5): number[] {
  if (totalMs <= 0) return [0];
  const rough = totalMs / count;
  const steps = [
    100, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
  ];
  const step = steps.find((candidate) => candidate >= rough) ?? Math.ceil(rough / 3_600_000) * 3_600_000;
  const ticks: number[] = [];
  for (let at = 0; at <= totalMs; at += step) ticks.push(at);
  return ticks;
}
