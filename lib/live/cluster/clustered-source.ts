import type { CreateSource, LiveSource } from '../hub';
import type { ClusterLink, Envelope, LinkState } from './pg-link';
import { topicIds } from './topic-key';

/**
 * What a follower keeps of the messages it relays: enough for a late subscriber's catch-up, and for resuming the
 * topic's poller from where its subscribers are if this instance takes the lead.
 */
export interface Relay<M> {
  fold(message: M): void;
  catchUp(): M[];
  reset(): void;
}

export interface ClusterTiming {
  /**
   * How often a follower with subscribers tries to take the lead (the failover delay is at most this), and asks
   * again for the leader's catch-up while it has none.
   */
  lockRetryMs: number;
}

export const DEFAULT_CLUSTER_TIMING: ClusterTiming = { lockRetryMs: 1_000 };

/**
 * `waiting`: for the link's first connection. `leading`: holds the topic's advisory lock, runs the poller and
 * NOTIFYs every message. `following`: relays the leader's messages and retries the lock. `alone`: PostgreSQL is
 * unreachable, so this instance polls for its own subscribers.
 */
type Role = 'idle' | 'waiting' | 'leading' | 'following' | 'alone';

/**
 * A hub topic shared by every instance on one PostgreSQL: the instance holding the topic's advisory lock runs the
 * real poller and fans its messages out with NOTIFY; the others relay them to their own subscribers. The lock is
 * session-level, so a leader that dies (kill -9 closes its connection) frees it, and a follower with subscribers
 * takes it at its next retry, seeding its poller with what it has relayed so far. The last local subscriber
 * leaving releases the lock, so a topic nobody watches anywhere is polled by nobody.
 */
export function createClusteredSource<M>(
  topic: string,
  create: CreateSource<M>,
  link: ClusterLink,
  relay: Relay<M>,
  timing: ClusterTiming = DEFAULT_CLUSTER_TIMING,
): LiveSource<M> {
  const { lockRetryMs } = timing;
  const { lockKey, channel } = topicIds(topic);
  const me = link.instanceId;
  let role: Role = 'idle';
  let publish: (message: M) => void = () => {};
  let poller: LiveSource<M> | null = null;
  /**
   * A follower drops relayed messages until the leader's catch-up arrives: the catch-up already contains them, and
   * relaying deltas without the snapshot under them would leave nothing sound to resume from.
   */
  let syncing = false;
  let locking = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopWatchingLink: (() => void) | undefined;

  function publishOwn(message: M) {
    relay.fold(message);
    publish(message);
    if (role === 'leading') link.send(channel, { kind: 'message', from: me, message });
  }

  function runPoller() {
    if (poller) return;
    poller = create(relay.catchUp());
    poller.start(publishOwn);
  }

  function stopPoller() {
    poller?.stop();
    poller = null;
  }

  function clearTimers() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void tryLead(), lockRetryMs);
  }

  async function tryLead() {
    if (locking || role === 'idle' || role === 'leading') return;
    locking = true;
    let locked: boolean | 'failed';
    try {
      locked = await link.tryLock(lockKey);
      // Messages the old leader sent before it let go are part of the state the new poller resumes from.
      if (locked) await link.drained();
    } catch {
      locked = 'failed'; // the link dropped meanwhile: its state change decides what happens next
    } finally {
      locking = false;
    }
    // Read again after the await: stop() may have run meanwhile (TypeScript cannot see that, hence the cast).
    if ((role as Role) === 'idle') {
      if (locked === true) link.unlock(lockKey).catch(() => {});
    } else if (locked === true) {
      lead();
    } else if (locked === false) {
      follow();
    } else if (link.state() === 'up') {
      retryLater(); // the query failed on a live connection: try again rather than stay leaderless
    }
  }

  function lead() {
    role = 'leading';
    syncing = false;
    clearTimers();
    runPoller(); // an instance that polled alone keeps its poller: its subscribers see no gap
  }

  function follow() {
    if (role !== 'following') {
      stopPoller();
      role = 'following';
      syncing = true;
    }
    // Asked again at every retry until answered: a leader still taking the lock when the first hello came ignored it.
    if (syncing) link.send(channel, { kind: 'hello', from: me });
    retryLater();
  }

  function onLinkState(state: LinkState) {
    if (role === 'idle') return;
    if (state === 'down') {
      if (role === 'alone') return;
      role = 'alone';
      syncing = false;
      clearTimers();
      runPoller();
    } else if (state === 'up') {
      // Back from polling alone, wait one retry first: a follower that kept its connection has likely taken the
      // lead meanwhile, and this instance should join it rather than race it.
      if (role === 'alone') retryLater();
      else void tryLead();
    }
  }

  function onEnvelope(envelope: Envelope) {
    if (envelope.from === me) return;
    if (role === 'leading') {
      if (envelope.kind === 'hello') {
        link.send(channel, { kind: 'catch-up', from: me, to: envelope.from, messages: poller?.catchUp() ?? [] });
      }
      return;
    }
    if (role !== 'following') return;
    // Envelopes come from our own instances through our own database: their messages have the type M.
    if (envelope.kind === 'catch-up' && envelope.to === me && syncing) {
      syncing = false;
      relay.reset();
      for (const message of envelope.messages as M[]) relay.fold(message);
      for (const message of envelope.messages as M[]) publish(message);
    } else if (envelope.kind === 'message' && !syncing) {
      relay.fold(envelope.message as M);
      publish(envelope.message as M);
    }
  }

  return {
    start(publishTo) {
      publish = publishTo;
      role = 'waiting';
      link.listen(channel, onEnvelope);
      stopWatchingLink = link.onStateChange(onLinkState);
      if (link.state() !== 'connecting') onLinkState(link.state());
    },
    stop() {
      const wasLeading = role === 'leading';
      role = 'idle';
      stopPoller();
      clearTimers();
      stopWatchingLink?.();
      link.unlisten(channel);
      if (wasLeading) link.unlock(lockKey).catch(() => {});
    },
    catchUp: () => (poller ? poller.catchUp() : relay.catchUp()),
  };
}
