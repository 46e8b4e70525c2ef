/**
 * Event-to-screen latency in Chromium: the stack page open while localaws runs a stack update; for each new
 * stack event, the time from its timestamp in localaws to the moment its row is in the page's DOM (a
 * MutationObserver notes each added `stack-event` row with Date.now(); same machine, same clock).
 */
import { CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import { chromium } from '@playwright/test';
import { findChromium } from '../../e2e/chromium';
import { clientConfig } from '../reads';
import { BENCH_STACK, type Dashboard } from './server';
import { percentile, sleep } from './sse-client';

export const LATENCY_BUDGET_MS = 2_500;
const CHAINED_TOPICS = 20;

export interface LatencyResult {
  events: number;
  missed: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

interface SeenRow {
  logicalId: string;
  status: string;
  at: number;
}

export async function benchEventLatency(dashboard: Dashboard): Promise<LatencyResult> {
  const browser = await chromium.launch({ executablePath: findChromium() });
  const cfn = new CloudFormationClient(clientConfig(dashboard.localaws.url));
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(
      dashboard.cookies.bench3.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: dashboard.url };
      }),
    );
    const page = await context.newPage();
    await page.goto(`${dashboard.url}/stacks/${BENCH_STACK}`);
    await page.locator('[data-testid="stack-event"]').first().waitFor();
    await page.evaluate(() => {
      const seen: SeenRow[] = [];
      (window as unknown as { seenRows: SeenRow[] }).seenRows = seen;
      new MutationObserver((records) => {
        const at = Date.now();
        for (const record of records)
          for (const node of record.addedNodes) {
            if (!(node instanceof HTMLElement)) continue;
            const rows = node.matches('[data-testid="stack-event"]')
              ? [node]
              : [...node.querySelectorAll<HTMLElement>('[data-testid="stack-event"]')];
            for (const row of rows)
              seen.push({
                logicalId: row.querySelector('td:nth-child(2) div')?.textContent ?? '',
                status: row.dataset.status ?? '',
                at,
              });
          }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await sleep(1_000); // the stream's snapshot has arrived and rendered
    const startedAt = Date.now();
    await dashboard.updateStack(CHAINED_TOPICS);
    await dashboard.waitSettled();
    await sleep(3_000); // the last events' poll and render
    const seen = await page.evaluate(() => (window as unknown as { seenRows: SeenRow[] }).seenRows);
    const { StackEvents = [] } = await cfn.send(new DescribeStackEventsCommand({ StackName: BENCH_STACK }));
    const fresh = StackEvents.filter((event) => (event.Timestamp?.getTime() ?? 0) >= startedAt - 1_000);
    const latencies: number[] = [];
    for (const event of fresh) {
      const row = seen.find((each) => each.logicalId === event.LogicalResourceId && each.status === event.ResourceStatus);
      if (row) latencies.push(row.at - event.Timestamp!.getTime());
    }
    return {
      events: fresh.length,
      missed: fresh.length - latencies.length,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      maxMs: Math.max(...latencies),
    };
  } finally {
    cfn.destroy();
    await browser.close();
  }
}
