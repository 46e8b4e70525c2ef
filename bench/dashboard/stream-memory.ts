/**
 * Server memory per open stack stream, and how fast a new stack event reaches all of them. Opens BENCH_STREAMS
 * (default 2,000) `/api/stacks/<stack>/stream` streams spread over the bench users (TAPDECK_MAX_STREAMS_PER_USER
 * is 1000 in server.ts), compares the server's RSS and post-GC heap with one stream open, then starts a stack
 * update and times its first delta on every stream: the fan-out is each stream's arrival after the first one's
 * (the server's publish, give or take this client's own event loop), end-to-end adds the poll interval.
 */
import { INSPECT_PORT, BENCH_STACK, BENCH_USERS, type Dashboard } from './server';
import { serverMemory } from './inspector';
import { openSse, percentile, sleep, type OpenedStream } from './sse-client';

export const PER_STREAM_BUDGET_KB = 50;
export const FANOUT_BUDGET_MS = 250;

export interface StreamMemoryResult {
  streams: number;
  base: { rssKb: number; heapUsedKb: number };
  loaded: { rssKb: number; heapUsedKb: number };
  rssKbPerStream: number;
  heapKbPerStream: number;
  fanoutP50Ms: number;
  fanoutP95Ms: number;
  endToEndP95Ms: number;
  missed: number;
}

export async function benchStreamMemory(dashboard: Dashboard): Promise<StreamMemoryResult> {
  const count = Number(process.env.BENCH_STREAMS ?? 2_000);
  const url = `${dashboard.url}/api/stacks/${BENCH_STACK}/stream`;
  const arrivals: Array<{ at: number; eventAt: number } | undefined> = new Array(count);
  const streams: OpenedStream[] = [];
  // Every stream gets the same delta: parse it once, so this client's own work stays out of the fan-out figure.
  const eventTimes = new Map<string, number | null>();
  const eventAtOf = (data: string) => {
    if (!eventTimes.has(data)) {
      const { events } = JSON.parse(data) as { events: Array<{ timestamp: string }> };
      eventTimes.set(data, events.length ? Math.min(...events.map((event) => Date.parse(event.timestamp))) : null);
    }
    return eventTimes.get(data) ?? null;
  };
  const open = (i: number) =>
    openSse(url, dashboard.cookies[BENCH_USERS[i % BENCH_USERS.length]!], (frame) => {
      if (frame.event !== 'delta' || arrivals[i]) return;
      const eventAt = eventAtOf(frame.data);
      if (eventAt !== null) arrivals[i] = { at: frame.at, eventAt };
    });

  try {
    streams.push(open(0));
    await streams[0]!.first;
    await sleep(2_000);
    const base = serverMemory(dashboard.pid, INSPECT_PORT);
    // Fifty at a time: a burst of 2,000 sign-in checks would measure the machine, not the streams.
    for (let i = 1; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) => open(i + j));
      streams.push(...batch);
      await Promise.all(batch.map((stream) => stream.first));
    }
    await sleep(3_000);
    const loaded = serverMemory(dashboard.pid, INSPECT_PORT);

    await dashboard.updateStack(1);
    const deadline = Date.now() + 30_000;
    while (arrivals.filter(Boolean).length < count && Date.now() < deadline) await sleep(100);
    await dashboard.waitSettled();

    const got = arrivals.filter((arrival) => arrival !== undefined);
    const firstAt = Math.min(...got.map((arrival) => arrival.at));
    const perStream = (kb: number) => Number((kb / (count - 1)).toFixed(1));
    return {
      streams: count,
      base,
      loaded,
      rssKbPerStream: perStream(loaded.rssKb - base.rssKb),
      heapKbPerStream: perStream(loaded.heapUsedKb - base.heapUsedKb),
      fanoutP50Ms: percentile(
        got.map((arrival) => arrival.at - firstAt),
        50,
      ),
      fanoutP95Ms: percentile(
        got.map((arrival) => arrival.at - firstAt),
        95,
      ),
      endToEndP95Ms: percentile(
        got.map((arrival) => arrival.at - arrival.eventAt),
        95,
      ),
      missed: count - got.length,
    };
  } finally {
    for (const stream of streams) stream.close();
    await sleep(2_000);
  }
}
