import type { FleetMembership, FleetMessage, FleetSnapshot } from '@/lib/fleet/types';
import { createFleetSource, type FleetIntervals, type FleetReads } from './fleet-poller';
import type { Hub } from './hub';
import type { LiveError } from './stack-messages';

export type FleetRead = { ok: true; fleet: FleetSnapshot } | { ok: false; error: LiveError };

export interface FleetFeed {
  subscribeToFleet(listener: (message: FleetMessage) => void): () => void;
  /** The fleet for a page render: the shared poller's snapshot, starting it if nobody watches yet. */
  readFleet(): Promise<FleetRead>;
}

export interface FleetFeedOptions {
  /** How long a page render keeps the poller running for the stream its browser opens next. */
  graceMs?: number;
  /** How long a page render waits for the first snapshot before showing the skeleton's error instead. */
  firstReadTimeoutMs?: number;
}

/**
 * The fleet as one hub topic: however many tabs have the overview open (and however often they reload), one
 * poller reads AWS. A page render joins the topic too and lingers `graceMs`, so the render and the stream that
 * follows share the poller instead of reading everything twice.
 */
export function createFleetFeed(
  reads: FleetReads,
  settings: () => { intervals: FleetIntervals; membership: FleetMembership },
  hub: Hub<FleetMessage>,
  scope = () => '',
  options: FleetFeedOptions = {},
): FleetFeed {
  const topic = () => `${scope()}|fleet`;
  const create = () => {
    const { intervals, membership } = settings();
    return createFleetSource(reads, intervals, membership);
  };
  const subscribeToFleet = (listener: (message: FleetMessage) => void) => hub.subscribe(topic(), create, listener);

  return {
    subscribeToFleet,
    readFleet() {
      return new Promise<FleetRead>((resolve) => {
        let settled = false;
        const settle = (read: FleetRead) => {
          if (settled) return;
          settled = true;
          clearTimeout(timeout);
          resolve(read);
        };
        const timeout = setTimeout(
          () => settle({ ok: false, error: { code: 'Timeout', sentence: 'AWS did not answer in time; the page keeps trying.' } }),
          options.firstReadTimeoutMs ?? 20_000,
        );
        const leave = subscribeToFleet((message) => {
          if (message.type === 'fleet') settle({ ok: true, fleet: message.fleet });
          else if (message.type === 'fleet-stale') settle({ ok: false, error: message.error });
        });
        setTimeout(leave, options.graceMs ?? 15_000);
      });
    },
  };
}

/** AWS's own error text names ARNs and accounts: only readers allowed `read-full-errors` get it (the code and sentence stay). */
export function redactFleetMessage(message: FleetMessage): FleetMessage {
  if (message.type !== 'fleet-stale' || message.error.detail === undefined) return message;
  const { code, sentence } = message.error;
  return { ...message, error: { code, sentence } };
}
