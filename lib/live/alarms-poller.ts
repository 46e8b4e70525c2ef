import type { AlarmSummary } from '@/lib/alarms/types';
import type { LiveSource } from './hub';
import type { AlarmsMessage } from './stack-messages';

const MAX_BACKOFF_MS = 60_000;

/**
 * Polls a stack's alarms and publishes the list when anything about them changed. Alarms move on their own
 * period (a minute or more), so one steady interval is enough; errors back off and are published as staleness.
 */
export function createAlarmsPoller(read: () => Promise<AlarmSummary[]>, intervalMs: number): LiveSource<AlarmsMessage> {
  let latest: AlarmsMessage | undefined;
  let fingerprint = '';
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let publish: (message: AlarmsMessage) => void = () => {};

  async function poll(): Promise<number> {
    try {
      const alarms = await read();
      failures = 0;
      const next = JSON.stringify(alarms);
      if (next !== fingerprint || !latest) {
        fingerprint = next;
        latest = { type: 'alarms', alarms, at: new Date().toISOString() };
        publish(latest);
      }
      return intervalMs;
    } catch (error) {
      failures += 1;
      publish({ type: 'alarms-stale', error: (error as Error).message });
      return Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS);
    }
  }

  async function loop() {
    const waitMs = await poll();
    if (running) timer = setTimeout(loop, waitMs);
  }

  return {
    start(publishTo) {
      publish = publishTo;
      running = true;
      void loop();
    },
    stop() {
      running = false;
      clearTimeout(timer);
    },
    catchUp: () => (latest ? [latest] : []),
  };
}
