/**
 * `npm run bench -- --only dashboard`: builds the dashboard, starts it with localaws on E2E_PORT /
 * E2E_LOCALAWS_PORT and measures the budgets. Returns the table's rows and the raw results.
 * DASHBOARD_FIGURES=js,memory,calls,latency picks a subset (default all).
 */
import { benchAwsCalls, CALLS_BUDGET } from './aws-calls';
import { benchEventLatency, LATENCY_BUDGET_MS } from './event-latency';
import { benchFirstLoadJs, BUDGET_KB } from './first-load-js';
import { buildDashboard, startDashboard } from './server';
import { benchStreamMemory, FANOUT_BUDGET_MS, PER_STREAM_BUDGET_KB } from './stream-memory';

const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');

export async function benchDashboard(): Promise<{ rows: string[][]; results: Record<string, unknown> }> {
  const figures = new Set((process.env.DASHBOARD_FIGURES ?? 'js,memory,calls,latency').split(','));
  const rows: string[][] = [];
  const results: Record<string, unknown> = {};
  buildDashboard();
  // localaws at speed 10, as in the e2e tests: a 40-topic update lasts long enough to watch it on screen.
  const dashboard = await startDashboard({ localawsSpeed: 10, topics: 40 });
  try {
    if (figures.has('js')) {
      const routes = await benchFirstLoadJs(dashboard);
      results.firstLoadJs = routes;
      for (const route of routes) {
        rows.push(
          route.status === 200
            ? [
                `First-load JS ${route.route}`,
                `${route.gzipKb} KB gzip`,
                `${route.scripts} scripts`,
                `budget ${BUDGET_KB} KB: ${verdict(route.gzipKb <= BUDGET_KB)}`,
              ]
            : [`First-load JS ${route.route}`, `HTTP ${route.status}: no such page in this checkout`],
        );
      }
    }
    if (figures.has('calls')) {
      const calls = await benchAwsCalls(dashboard);
      results.awsCalls = calls;
      for (const each of calls) {
        rows.push([
          `AWS calls/min, ${each.feed}: 200 viewers ÷ 1`,
          `${each.ratio}`,
          `(${each.one}/min vs ${each.many}/min)`,
          `budget ${CALLS_BUDGET}: ${verdict(each.ratio <= CALLS_BUDGET)}`,
        ]);
      }
    }
    if (figures.has('memory')) {
      const memory = await benchStreamMemory(dashboard);
      results.streamMemory = memory;
      rows.push([
        `Server memory per stack stream (${memory.streams} streams)`,
        `RSS ${memory.rssKbPerStream} KB`,
        `heap ${memory.heapKbPerStream} KB (after GC)`,
        `budget ${PER_STREAM_BUDGET_KB} KB: ${verdict(memory.rssKbPerStream <= PER_STREAM_BUDGET_KB)}`,
      ]);
      rows.push([
        `New event fan-out to ${memory.streams} streams`,
        `p95 ${memory.fanoutP95Ms} ms after the first stream`,
        `p95 ${memory.endToEndP95Ms} ms after the event's timestamp (includes the poll interval)`,
        `budget ${FANOUT_BUDGET_MS} ms: ${verdict(memory.fanoutP95Ms < FANOUT_BUDGET_MS)}`,
      ]);
    }
    if (figures.has('latency')) {
      const latency = await benchEventLatency(dashboard);
      results.eventLatency = latency;
      rows.push([
        `Event to screen (Chromium, ${latency.events} events of a stack update)`,
        `p50 ${latency.p50Ms} ms`,
        `p95 ${latency.p95Ms} ms`,
        `budget ${LATENCY_BUDGET_MS} ms: ${verdict(latency.p95Ms <= LATENCY_BUDGET_MS)}`,
      ]);
    }
  } finally {
    await dashboard.stop();
  }
  return { rows, results };
}
