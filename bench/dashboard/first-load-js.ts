/**
 * First-load JavaScript per route: fetch each route's HTML as a signed-in user, collect its `<script src>` files
 * and sum their gzipped sizes (level 9, what a CDN would serve; brotli would be smaller). Left out: inline scripts
 * (the RSC payload: data, not code) and `noModule` ones (Next's legacy polyfills, which every browser that runs
 * modules skips). Add a route to ROUTES when a page is added.
 */
import { gzipSync } from 'node:zlib';
import { openSqliteStore } from '@/lib/store/sqlite-store';
import { BENCH_STACK, type Dashboard } from './server';

export const BUDGET_KB = 150;
const PROMOTION_ID = 'bench-promotion-1';

/** Every page of the dashboard; `{stack}` and `{promotion}` are filled in. */
export const ROUTES = [
  '/',
  '/signin',
  '/audit',
  '/stacks/{stack}',
  '/stacks/{stack}/events',
  '/stacks/{stack}/timeline',
  '/stacks/{stack}/resources',
  '/stacks/{stack}/parameters',
  '/stacks/{stack}/change-sets',
  '/stacks/{stack}/alarms',
  '/stacks/{stack}/alarms/{stack}-Errors',
  '/stacks/{stack}/executions',
  '/stacks/{stack}/activity',
  '/stacks/{stack}/cmk',
  '/stacks/{stack}/promotions/{promotion}',
];

export interface RouteJs {
  route: string;
  status: number;
  scripts: number;
  gzipKb: number;
}

export async function benchFirstLoadJs(dashboard: Dashboard): Promise<RouteJs[]> {
  await addPromotion(dashboard.dbPath);
  const cookie = dashboard.cookies.bench1;
  const sizes = new Map<string, number>();
  const gzipped = async (src: string) => {
    const known = sizes.get(src);
    if (known !== undefined) return known;
    const res = await fetch(new URL(src, dashboard.url));
    const size = gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
    sizes.set(src, size);
    return size;
  };
  const results: RouteJs[] = [];
  for (const template of ROUTES) {
    const route = template.replaceAll('{stack}', BENCH_STACK).replaceAll('{promotion}', PROMOTION_ID);
    const res = await fetch(new URL(route, dashboard.url), { headers: { cookie }, redirect: 'manual' });
    const html = await res.text();
    // A route that does not exist (yet) in this checkout is a 404 page: listed, but not a figure of that route.
    const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]).filter((tag) => !/\snomodule\b/i.test(tag));
    const srcs = [...new Set(tags.flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1] ?? []))];
    let total = 0;
    for (const src of srcs) total += await gzipped(src);
    results.push({ route: template, status: res.status, scripts: srcs.length, gzipKb: Number((total / 1024).toFixed(1)) });
  }
  return results;
}

/** A promotion request awaiting approval, straight into the store: the page needs one to render. */
async function addPromotion(dbPath: string): Promise<void> {
  const store = openSqliteStore(dbPath);
  const at = new Date().toISOString();
  const base = { account: '111111111111', region: 'us-east-1', stackName: BENCH_STACK };
  try {
    await store.createPromotion(
      {
        ...base,
        id: PROMOTION_ID,
        stackId: `arn:aws:cloudformation:us-east-1:111111111111:stack/${BENCH_STACK}/bench`,
        status: 'awaiting-approval',
        requestedBy: 'bench1',
        requestedByName: 'bench1',
        requestedByRole: 'operator',
        requestedAt: at,
        changeSetName: `tapdeck-promote-${PROMOTION_ID}`,
        changes: [
          {
            logicalId: 'Workflow',
            resourceType: 'AWS::StepFunctions::StateMachine',
            action: 'Modify',
            replacement: 'False',
            details: [],
          },
        ],
        paramsBefore: { Mode: 'dry-run' },
        paramsAfter: { Mode: 'apply' },
        token: `tapdeck-${PROMOTION_ID}`,
        updatedAt: at,
      },
      {
        ...base,
        actor: 'bench1',
        actorName: 'bench1',
        actorRole: 'operator',
        action: 'promotion.requested',
        promotionId: PROMOTION_ID,
        outcome: 'ok',
      },
    );
  } finally {
    store.close();
  }
}
