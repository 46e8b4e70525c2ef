import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StackEvent, StackSummary } from '@/lib/rollout/types';
import { startPostgres, type PostgresServer } from '@/scripts/lib/postgres-server';
import { Hub } from '../hub';
import type { LiveMessage } from '../stack-messages';
import { createStackPageFeed, type StackPageReads } from '../stack-page';
import { createClusteredSource } from './clustered-source';
import { createPgLink, MESSAGES_TABLE, type ClusterLink } from './pg-link';
import { createStackPageRelay } from './relays';
import { topicIds } from './topic-key';

const INTERVALS = { activeMs: 50, idleMs: 200, alarmsMs: 1_000 };
const TIMING = { lockRetryMs: 300 };

/** One stack whose events the test appends, as CloudFormation would list them (newest first). */
class World {
  stack: StackSummary;
  events: StackEvent[] = [];
  constructor(readonly name: string) {
    this.stack = { stackId: `id-${name}`, name, status: 'UPDATE_IN_PROGRESS', createdAt: 't0', outputs: {}, parameters: {} };
  }
  addEvents(count: number, reason = '') {
    for (let i = 0; i < count; i++) {
      const n = this.events.length + 1;
      const eventId = `${this.name}-${String(n).padStart(5, '0')}`;
      this.events.unshift({
        eventId,
        stackName: this.name,
        logicalId: `Resource${n}`,
        resourceType: 'AWS::Logs::LogGroup',
        status: 'UPDATE_IN_PROGRESS',
        timestamp: new Date().toISOString(),
        ...(reason ? { reason } : {}),
      });
    }
  }
}

/** One instance's AWS reads of the world, counted, so the test knows which instance polls. */
function readsOf(world: World) {
  const calls = { describe: 0 };
  const reads: StackPageReads = {
    describeStack: async () => {
      calls.describe += 1;
      return world.stack;
    },
    listStackEventsSince: async (_name, sinceId) => {
      const end = sinceId === undefined ? -1 : world.events.findIndex((event) => event.eventId === sinceId);
      return end === -1 ? [...world.events] : world.events.slice(0, end);
    },
    listStackResources: async () => [],
    listAlarmsForStateMachine: async () => [],
    describeAlarmsByName: async () => [],
    listAlarmNotes: async () => [],
    listRecentExecutions: async () => [],
  };
  return { reads, calls };
}

/** A viewer's stream: every event id it was sent, in order (a second snapshot would repeat ids: that is a fault). */
function viewer() {
  const messages: LiveMessage[] = [];
  const ids = () =>
    messages.flatMap((m) => (m.type === 'snapshot' || m.type === 'delta' ? [...m.events].reverse().map((e) => e.eventId) : []));
  return { messages, ids, listener: (message: LiveMessage) => messages.push(message) };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'the condition'): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

let server: PostgresServer;
let admin: pg.Client;
const links: ClusterLink[] = [];
const logs: string[] = [];

/** An "instance": its own PostgreSQL link, hub and reads, as a separate process would have. */
function instance(world: World, url = server.url) {
  const link = createPgLink({ url, minBackoffMs: 100, connectTimeoutMs: 1_000, log: (line) => logs.push(line) });
  links.push(link);
  const { reads, calls } = readsOf(world);
  const hub = new Hub<LiveMessage>((key, create) => createClusteredSource(key, create, link, createStackPageRelay(), TIMING));
  const feed = createStackPageFeed(reads, () => INTERVALS, hub);
  return { link, calls, watch: (v: ReturnType<typeof viewer>) => feed.subscribeToStackPage(world.name, v.listener) };
}

const hasAll = (v: ReturnType<typeof viewer>, world: World) => () => new Set(v.ids()).size === world.events.length;

beforeAll(async () => {
  server = await startPostgres();
  admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
}, 30_000);

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  logs.length = 0;
});

describe('a live topic shared by several instances through PostgreSQL', () => {
  it('runs one poller for two instances, and both instances’ viewers get every event once', async () => {
    const world = new World('Shared');
    world.addEvents(3);
    const a = instance(world);
    const b = instance(world);
    const onA = viewer();
    const onB = viewer();
    a.watch(onA);
    await waitFor(() => onA.messages.some((m) => m.type === 'snapshot'), 5_000, 'the leader’s snapshot');
    b.watch(onB);
    await waitFor(() => onB.messages.some((m) => m.type === 'snapshot'), 5_000, 'the follower’s catch-up');

    for (let round = 0; round < 5; round++) {
      world.addEvents(2);
      await waitFor(() => hasAll(onA, world)() && hasAll(onB, world)(), 5_000, 'both viewers to have every event');
    }
    const expected = [...world.events].reverse().map((e) => e.eventId);
    expect(onA.ids()).toEqual(expected);
    expect(onB.ids()).toEqual(expected);
    expect(a.calls.describe).toBeGreaterThan(5);
    expect(b.calls.describe).toBe(0);
  });

  it('gives viewers who arrive on two instances at the same moment one snapshot each and then only new events', async () => {
    const world = new World('Together');
    world.addEvents(4);
    const a = instance(world);
    const b = instance(world);
    const onA = viewer();
    const onB = viewer();
    a.watch(onA);
    b.watch(onB);
    world.addEvents(2);
    await waitFor(() => hasAll(onA, world)() && hasAll(onB, world)(), 5_000, 'both viewers to have every event');
    world.addEvents(2);
    await waitFor(() => hasAll(onA, world)() && hasAll(onB, world)(), 5_000, 'both viewers to have every event');
    const expected = [...world.events].reverse().map((e) => e.eventId);
    for (const each of [onA, onB]) {
      expect(each.ids()).toEqual(expected);
      expect(each.messages.filter((m) => m.type === 'snapshot')).toHaveLength(1);
    }
    expect(Math.min(a.calls.describe, b.calls.describe)).toBe(0); // one of them polled, the other relayed
  });

  it('hands the topic to the follower when the leader’s connection drops, which resumes without a repeat or a gap', async () => {
    const world = new World('Failover');
    world.addEvents(5);
    const a = instance(world);
    const b = instance(world);
    const onA = viewer();
    const onB = viewer();
    a.watch(onA);
    await waitFor(() => onA.messages.length > 0, 5_000, 'the leader’s snapshot');
    b.watch(onB);
    await waitFor(() => onB.messages.length > 0, 5_000, 'the follower’s catch-up');
    const deploying = setInterval(() => world.addEvents(1), 30);
    try {
      await waitFor(() => onB.ids().length >= 15, 5_000, 'events relayed to the follower');
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()",
      );
      expect(rows).toHaveLength(1); // one leader
      const callsBefore = b.calls.describe;
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      const takeoverMs = await waitFor(() => b.calls.describe > callsBefore, 3_000, 'the follower to poll');
      expect(takeoverMs).toBeLessThanOrEqual(TIMING.lockRetryMs + 500);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      clearInterval(deploying);
    }
    await waitFor(hasAll(onB, world), 5_000, 'the follower’s viewer to have every event');
    expect(onB.ids()).toEqual([...world.events].reverse().map((e) => e.eventId));

    // The old leader reconnects, finds the topic led and stops polling: one poller again.
    await waitFor(() => a.link.state() === 'up', 5_000, 'the old leader to reconnect');
    await new Promise((resolve) => setTimeout(resolve, TIMING.lockRetryMs + 300));
    const aCalls = a.calls.describe;
    await new Promise((resolve) => setTimeout(resolve, 4 * INTERVALS.idleMs));
    expect(a.calls.describe).toBe(aCalls);
    expect(logs.some((line) => line.includes('unreachable'))).toBe(true);
  });

  it('passes messages over 8,000 bytes through the messages table', async () => {
    const world = new World('Large');
    world.addEvents(100, 'x'.repeat(200)); // a snapshot of ~40 kB: far over NOTIFY's limit
    const a = instance(world);
    const b = instance(world);
    const onA = viewer();
    const onB = viewer();
    a.watch(onA);
    await waitFor(() => onA.messages.length > 0, 5_000, 'the leader’s snapshot');
    const { rows: before } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${MESSAGES_TABLE}`);
    b.watch(onB);
    world.addEvents(60, 'y'.repeat(200)); // a large delta too
    await waitFor(() => hasAll(onA, world)() && hasAll(onB, world)(), 5_000, 'both viewers to have every event');
    expect(onB.ids()).toEqual([...world.events].reverse().map((e) => e.eventId));
    const { rows: after } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${MESSAGES_TABLE}`);
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBeGreaterThanOrEqual(2); // the catch-up and the delta
  });

  it('lets a follower with viewers lead when the leader’s last viewer leaves, and stops polling when nobody watches', async () => {
    const world = new World('Handover');
    world.addEvents(4);
    const a = instance(world);
    const b = instance(world);
    const onA = viewer();
    const onB = viewer();
    const leaveA = a.watch(onA);
    await waitFor(() => onA.messages.length > 0, 5_000, 'the leader’s snapshot');
    const leaveB = b.watch(onB);
    await waitFor(() => onB.messages.length > 0, 5_000, 'the follower’s catch-up');

    leaveA();
    world.addEvents(3);
    await waitFor(() => b.calls.describe > 0, TIMING.lockRetryMs + 1_000, 'the follower to take over');
    await waitFor(hasAll(onB, world), 5_000, 'the follower’s viewer to have every event');
    expect(onB.ids()).toEqual([...world.events].reverse().map((e) => e.eventId));

    leaveB();
    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVALS.activeMs));
    const calls = a.calls.describe + b.calls.describe;
    await new Promise((resolve) => setTimeout(resolve, 3 * INTERVALS.idleMs));
    expect(a.calls.describe + b.calls.describe).toBe(calls);
    const { rows } = await admin.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted");
    expect(rows).toHaveLength(0);
  });

  it('polls on its own, and says so, when PostgreSQL cannot be reached', async () => {
    const world = new World('Alone');
    world.addEvents(2);
    const solo = instance(world, `postgres://tapdeck@127.0.0.1:${await closedPort()}/tapdeck`);
    const onSolo = viewer();
    solo.watch(onSolo);
    await waitFor(hasAll(onSolo, world), 5_000, 'the viewer to get the stack from a local poller');
    expect(solo.calls.describe).toBeGreaterThan(0);
    expect(logs.join('\n')).toMatch(/PostgreSQL is unreachable .*polls AWS on its own/);
  });
});

describe('topicIds', () => {
  it('gives every instance the same lock key and a plain channel name for a topic', () => {
    const ids = topicIds('http://127.0.0.1:4566|us-east-1|stack-page|TapStack-dev');
    expect(ids).toEqual(topicIds('http://127.0.0.1:4566|us-east-1|stack-page|TapStack-dev'));
    expect(ids.channel).toMatch(/^tapdeck_live_[0-9a-f]{16}$/);
    expect(BigInt(ids.lockKey)).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(topicIds('other').lockKey).not.toBe(ids.lockKey);
  });
});

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
