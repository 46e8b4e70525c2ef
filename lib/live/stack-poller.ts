import { isInProgress } from '@/lib/rollout/status';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import type { LiveSource } from './hub';
import { liveErrorFrom, logPollFailure } from './live-error';
import { createPollingLoop } from './polling-loop';
import { MAX_EVENTS, type StackMessage } from './stack-messages';

export interface StackReads {
  describeStack(name: string): Promise<StackSummary | null>;
  listStackEventsSince(name: string, sinceEventId: string | undefined): Promise<StackEvent[]>;
}

export interface PollIntervals {
  activeMs: number;
  idleMs: number;
}

export type StackSnapshot = Extract<StackMessage, { type: 'snapshot' }>;
const MAX_BACKOFF_MS = 60_000;

/**
 * Polls one stack and publishes only what changed. While an operation is in progress it polls at the active
 * rate; once the stack settles it drops to the idle rate. A stack that does not exist (yet, or any more, or
 * never: anyone can type a name) is re-checked with backoff, the active interval doubling up to the idle one,
 * so made-up names cost one DescribeStacks per idle interval. Errors back off exponentially and are published as
 * staleness, so the page can say how old its data is instead of silently freezing.
 *
 * `resumeFrom` is the snapshot subscribers already have (an instance taking over a stack another instance was
 * polling): the first poll then asks only for events after its newest, so nobody sees an event twice or misses one.
 */
export function createStackPoller(
  name: string,
  reads: StackReads,
  intervals: PollIntervals,
  resumeFrom?: StackSnapshot,
): LiveSource<StackMessage> {
  let stack: StackSummary | null = resumeFrom?.stack ?? null;
  let events: StackEvent[] = resumeFrom?.events ?? [];
  let loaded = resumeFrom !== undefined;
  let lastSuccessAt: string | null = resumeFrom?.at ?? null;
  let failures = 0;
  let missing = 0;
  let publish: (message: StackMessage) => void = () => {};
  /** The catch-up message, one object until the next poll: subscribers share its encoding (sse-frames.ts). */
  let catchUpMessage: StackMessage | undefined;

  function nextDelay(): number {
    if (!stack) {
      missing += 1;
      return Math.min(intervals.activeMs * 2 ** (missing - 1), intervals.idleMs);
    }
    missing = 0;
    return isInProgress(stack.status) ? intervals.activeMs : intervals.idleMs;
  }

  async function poll(): Promise<number> {
    try {
      const nextStack = await reads.describeStack(name);
      // A new StackId means the stack was deleted and created again: its history starts over.
      const replaced = nextStack && stack && nextStack.stackId !== stack.stackId;
      const sinceId = replaced || !loaded ? undefined : events[0]?.eventId;
      const fresh = nextStack ? await reads.listStackEventsSince(name, sinceId) : [];
      const at = new Date().toISOString();
      lastSuccessAt = at;
      failures = 0;
      catchUpMessage = undefined;

      if (!loaded || replaced) {
        loaded = true;
        stack = nextStack;
        events = fresh.slice(0, MAX_EVENTS);
        catchUpMessage = { type: 'snapshot', stack, events, at };
        publish(catchUpMessage);
      } else if (fresh.length > 0 || changed(stack, nextStack)) {
        stack = nextStack;
        events = [...fresh, ...events].slice(0, MAX_EVENTS);
        publish({ type: 'delta', stack, events: fresh, at });
      } else {
        publish({ type: 'tick', at });
      }
      return nextDelay();
    } catch (error) {
      failures += 1;
      logPollFailure(`stack ${name}`, error, failures);
      const retryInMs = Math.min(intervals.activeMs * 2 ** failures, MAX_BACKOFF_MS);
      publish({ type: 'stale', error: liveErrorFrom(error), lastSuccessAt, retryInMs });
      return retryInMs;
    }
  }

  const loop = createPollingLoop(poll);

  return {
    start(publishTo) {
      publish = publishTo;
      loop.start();
    },
    stop: loop.stop,
    catchUp() {
      if (!loaded) return [];
      catchUpMessage ??= { type: 'snapshot', stack, events, at: lastSuccessAt ?? new Date().toISOString() };
      return [catchUpMessage];
    },
  };
}

function changed(before: StackSummary | null, after: StackSummary | null): boolean {
  return (
    before?.status !== after?.status || before?.updatedAt !== after?.updatedAt || before?.statusReason !== after?.statusReason
  );
}
