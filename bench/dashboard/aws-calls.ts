/**
 * AWS calls per minute with 200 viewers divided by the calls with one, for the stack page's stream and the fleet
 * overview's: the shared pollers should make the second figure the same as the first. Counted with localaws's
 * request counter (`/_localaws/requests`) over a window with the stack settled (the idle poll rate).
 */
import { BENCH_STACK, BENCH_USERS, type Dashboard } from './server';
import { openSse, sleep, type OpenedStream } from './sse-client';

export const CALLS_BUDGET = 1.05;
const VIEWERS = 200;
const WINDOW_MS = Number(process.env.BENCH_CALLS_WINDOW_MS ?? 20_000);

export interface CallsResult {
  feed: string;
  one: number;
  many: number;
  ratio: number;
  operations: { one: Record<string, number>; many: Record<string, number> };
}

export async function benchAwsCalls(dashboard: Dashboard): Promise<CallsResult[]> {
  const feeds = [
    { feed: 'stack page', path: `/api/stacks/${BENCH_STACK}/stream` },
    { feed: 'fleet overview', path: '/api/fleet/stream' },
  ];
  const results: CallsResult[] = [];
  for (const { feed, path } of feeds) {
    const streams: OpenedStream[] = [];
    const open = (i: number) => openSse(`${dashboard.url}${path}`, dashboard.cookies[BENCH_USERS[i % BENCH_USERS.length]!]);
    try {
      await waitQuiet(dashboard);
      streams.push(open(0));
      await streams[0]!.first;
      const one = await countCalls(dashboard);
      for (let i = 1; i < VIEWERS; i++) streams.push(open(i));
      await Promise.all(streams.map((stream) => stream.first));
      const many = await countCalls(dashboard);
      results.push({
        feed,
        one: one.perMinute,
        many: many.perMinute,
        ratio: Number((many.perMinute / one.perMinute).toFixed(3)),
        operations: { one: one.operations, many: many.operations },
      });
    } finally {
      for (const stream of streams) stream.close();
      // Let the last subscriber's leave stop the pollers before the next feed is counted.
      await sleep(3_000);
    }
  }
  return results;
}

/** Until nothing calls AWS for 3 s: a page render earlier (first-load-js.ts) keeps the fleet poller 15 s longer. */
async function waitQuiet(dashboard: Dashboard): Promise<void> {
  const total = async () =>
    (
      (await (await fetch(`${dashboard.localaws.url}/_localaws/requests`, { headers: { 'x-localaws-admin': '1' } })).json()) as {
        total: number;
      }
    ).total;
  const deadline = Date.now() + 60_000;
  let before = await total();
  while (Date.now() < deadline) {
    await sleep(3_000);
    const after = await total();
    if (after === before) return;
    before = after;
  }
  throw new Error('something kept calling AWS for a minute with no viewer open');
}

async function countCalls(dashboard: Dashboard): Promise<{ perMinute: number; operations: Record<string, number> }> {
  const admin = { 'x-localaws-admin': '1' };
  await sleep(3_000); // the new subscribers' catch-up is not the steady rate
  await fetch(`${dashboard.localaws.url}/_localaws/requests`, { method: 'DELETE', headers: admin });
  const started = Date.now();
  await sleep(WINDOW_MS);
  const counts = (await (await fetch(`${dashboard.localaws.url}/_localaws/requests`, { headers: admin })).json()) as {
    total: number;
    operations: Record<string, number>;
  };
  const minutes = (Date.now() - started) / 60_000;
  return { perMinute: Number((counts.total / minutes).toFixed(1)), operations: counts.operations };
}
