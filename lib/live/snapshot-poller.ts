import type { LiveSource } from './hub';
import { liveErrorFrom, logPollFailure } from './live-error';
import { createPollingLoop } from './polling-loop';
import type { LiveError } from './stack-messages';

const MAX_BACKOFF_MS = 60_000;

export interface SnapshotPollerOptions<T, M> {
  /** Reads the whole current value (a stack's alarms, its recent executions: a handful of items). */
  read: () => Promise<T>;
  intervalMs: number;
  /** The message that carries a changed value to subscribers. */
  changed: (value: T, at: string) => M;
  /** The message that says the value could not be refreshed. */
  stale: (error: LiveError) => M;
  /** Names the poller in the server log, e.g. `alarms of TapStack-dev`. */
  label?: string;
}

/**
 * Polls something small and publishes it whole whenever it changed. For data that moves on its own schedule
 * (alarm periods, executions) one steady interval is enough; errors back off and are published as staleness.
 */
export function createSnapshotPoller<T, M>(options: SnapshotPollerOptions<T, M>): LiveSource<M> {
  let latest: M | undefined;
  let fingerprint = '';
  let failures = 0;
  let publish: (message: M) => void = () => {};

  async function poll(): Promise<number> {
    try {
      const value = await options.read();
      // After a stale message subscribers wait for a value to clear it, even when nothing changed meanwhile.
      const recovered = failures > 0;
      failures = 0;
      const next = JSON.stringify(value);
      if (next !== fingerprint || latest === undefined || recovered) {
        fingerprint = next;
        latest = options.changed(value, new Date().toISOString());
        publish(latest);
      }
      return options.intervalMs;
    } catch (error) {
      failures += 1;
      logPollFailure(options.label ?? 'a snapshot', error, failures);
      publish(options.stale(liveErrorFrom(error)));
      return Math.min(options.intervalMs * 2 ** failures, MAX_BACKOFF_MS);
    }
  }

  const loop = createPollingLoop(poll);

  return {
    start(publishTo) {
      publish = publishTo;
      loop.start();
    },
    stop: loop.stop,
    catchUp: () => (latest === undefined ? [] : [latest]),
  };
}
