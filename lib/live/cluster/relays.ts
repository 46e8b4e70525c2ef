import type { FleetMessage } from '@/lib/fleet/types';
import type { CmkMessage } from '../cmk-messages';
import { MAX_EVENTS, type AlarmsMessage, type ExecutionsMessage, type LiveMessage } from '../stack-messages';
import type { StackSnapshot } from '../stack-poller';
import type { Relay } from './clustered-source';

/**
 * The stack page as a follower keeps it: one snapshot with every relayed delta folded in (events de-duplicated by
 * id, newest first, as the poller keeps them), and the latest alarms and executions. The same messages the
 * leader's poller would give a late subscriber, and the snapshot a new leader's poller resumes from.
 */
export function createStackPageRelay(): Relay<LiveMessage> {
  let snapshot: StackSnapshot | undefined;
  let alarms: AlarmsMessage | undefined;
  let executions: ExecutionsMessage | undefined;
  return {
    fold(message) {
      switch (message.type) {
        case 'snapshot':
          snapshot = message;
          break;
        case 'delta': {
          // A delta without a snapshot (the catch-up never came) is not a state to resume from: a new leader starts over.
          if (!snapshot) break;
          const known = new Set(snapshot.events.map((event) => event.eventId));
          const fresh = message.events.filter((event) => !known.has(event.eventId));
          const events = [...fresh, ...snapshot.events].slice(0, MAX_EVENTS);
          snapshot = { type: 'snapshot', stack: message.stack, events, at: message.at };
          break;
        }
        case 'tick':
          if (snapshot) snapshot = { ...snapshot, at: message.at };
          break;
        case 'alarms':
          alarms = message;
          break;
        case 'executions':
          executions = message;
          break;
        default:
          break; // staleness is not part of a catch-up: the poller's own catch-up leaves it out too
      }
      if (snapshot && !snapshot.stack) {
        alarms = undefined; // the leader stops the alarms and executions pollers while the stack does not exist
        executions = undefined;
      }
    },
    catchUp: () => [snapshot, alarms, executions].filter((message) => message !== undefined),
    reset() {
      snapshot = alarms = executions = undefined;
    },
  };
}

/** The fleet as a follower keeps it: the latest overview, its check time, and whether it is stale now. */
export function createFleetRelay(): Relay<FleetMessage> {
  let latest: Extract<FleetMessage, { type: 'fleet' }> | undefined;
  let stale: Extract<FleetMessage, { type: 'fleet-stale' }> | undefined;
  return {
    fold(message) {
      if (message.type === 'fleet-stale') stale = message;
      else stale = undefined;
      if (message.type === 'fleet') latest = message;
      else if (message.type === 'fleet-checked' && latest) latest = { type: 'fleet', fleet: { ...latest.fleet, at: message.at } };
    },
    catchUp: () => [latest, stale].filter((message) => message !== undefined),
    reset() {
      latest = stale = undefined;
    },
  };
}

/** A stack's CMK chain as a follower keeps it: the latest chain (staleness is not part of a catch-up). */
export function createCmkRelay(): Relay<CmkMessage> {
  let latest: CmkMessage | undefined;
  return {
    fold(message) {
      if (message.type === 'cmk') latest = message;
    },
    catchUp: () => (latest ? [latest] : []),
    reset() {
      latest = undefined;
    },
  };
}
