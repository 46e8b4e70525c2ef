import { benchFirstLoadJs } from './first-load-js';
import { BENCH_STACK, startDashboard } from './server';
const d = await startDashboard({ localawsSpeed: 10, topics: 5 });
try {
  for (const r of await benchFirstLoadJs(d)) console.log(r.route.padEnd(45), r.status, r.scripts, r.gzipKb);
  const cookie = d.cookies.bench1;
  for (const path of ['/stacks/NoSuch', '/stacks/NoSuch/events', '/stacks/bad_name!', `/stacks/${BENCH_STACK}/executions/nope`, `/stacks/${BENCH_STACK}/alarms/nope`, `/stacks/${BENCH_STACK}/promotions/nope-nope`, `/stacks/${BENCH_STACK}/events`, `/stacks/${BENCH_STACK}`, '/nope']) {
    const t = Date.now();
    const res = await fetch(new URL(path, d.url), { headers: { cookie }, redirect: 'manual' });
    const html = await res.text();
    console.log('STATUS', path, res.status, Date.now() - t, 'ms', /No stack named|No such alarm|No such execution|No such promotion|Not found/.exec(html)?.[0] ?? '');
  }
} finally { await d.stop(); }
