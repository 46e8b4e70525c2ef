/**
 * `npm run bench`: localaws figures, printed as a table and written to bench/results/latest.json.
 *   --only reads,memory,cdk,dashboard,cluster,store   run a subset (default all; dashboard: bench/dashboard/index.ts;
 *                                 cluster: three instances on one PostgreSQL, bench/cluster.ts;
 *                                 store: PostgreSQL against SQLite, bench/store-postgres.ts)
 *   --requests N              requests per read benchmark (default 5000)
 * No assertions: these are figures to compare across changes (and machines; the load average is recorded).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCdkDeploy, type DeployResult } from './cdk-deploy';
import { benchCluster } from './cluster';
import type { LoadResult } from './load';
import { spawnLocalaws } from './localaws-process';
import { benchDashboard } from './dashboard';
import { benchMemory, type MemoryResult } from './memory';
import { benchDescribeAlarms, benchStackEvents } from './reads';
import { benchStorePostgres } from './store-postgres';

const { values } = parseArgs({ options: { only: { type: 'string' }, requests: { type: 'string' } } });
const only = new Set((values.only ?? 'reads,memory,cdk,dashboard,cluster,store').split(','));
const requests = Number(values.requests ?? 5_000);
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAverageBefore: loadavg().map((n) => Number(n.toFixed(2))),
};
const rows: string[][] = [];
/** CPU per request on each side; 1000 / serverCpuMs is what one localaws core could serve unloaded. */
const cpuCell = (r: LoadResult) =>
  `cpu/req server ${r.serverCpuMs} ms (≈${r.serverCpuMs ? Math.round(1000 / r.serverCpuMs) : '?'} req/s/core), client ${r.clientCpuMs} ms`;

if (only.has('reads')) {
  // Speed 1000 so the 500-event stack provisions in moments; reads do not depend on speed.
  const localaws = await spawnLocalaws(1000);
  try {
    const events = await benchStackEvents(localaws, requests);
    results.describeStackEvents = events;
    rows.push([
      `DescribeStackEvents (${events.events} events, page of 100)`,
      `${events.perSecond} req/s`,
      `p50 ${events.p50Ms} ms`,
      `p99 ${events.p99Ms} ms`,
      cpuCell(events),
      events.errors ? `${events.errors} errors` : '',
    ]);
    const alarms = await benchDescribeAlarms(localaws, requests);
    results.describeAlarms = alarms;
    rows.push(
      'skipped' in alarms
        ? ['DescribeAlarms (50 alarms)', `skipped: ${alarms.skipped}`]
        : [
            `DescribeAlarms (${alarms.alarms} alarms)`,
            `${alarms.perSecond} req/s`,
            `p50 ${alarms.p50Ms} ms`,
            `p99 ${alarms.p99Ms} ms`,
            cpuCell(alarms),
            alarms.errors ? `${alarms.errors} errors` : '',
          ],
    );
  } finally {
    await localaws.stop();
  }
}

if (only.has('memory')) {
  const localaws = await spawnLocalaws(1000);
  try {
    const memory: MemoryResult = await benchMemory(localaws);
    results.memory = memory;
    rows.push([
      `Memory after ${memory.events} stack events (${memory.stacks} stacks)`,
      `RSS ${memory.after.rssMb} MB`,
      `heap ${memory.after.heapUsedMb} MB`,
      `(idle: RSS ${memory.before.rssMb} MB, heap ${memory.before.heapUsedMb} MB)`,
    ]);
  } finally {
    await localaws.stop();
  }
}

if (only.has('cdk')) {
  const deploys: DeployResult[] = [];
  for (const speed of [1, 100]) {
    const deploy = await benchCdkDeploy(speed);
    deploys.push(deploy);
    rows.push([
      `cdk deploy TapStack (speed ${speed})`,
      `${deploy.seconds} s`,
      deploy.exitCode === 0 ? 'ok' : `exit ${deploy.exitCode}`,
    ]);
    if (deploy.tail) console.error(`cdk deploy at speed ${speed} failed:\n${deploy.tail}`);
  }
  results.cdkDeploy = deploys;
}

if (only.has('dashboard')) {
  const dashboard = await benchDashboard();
  results.dashboard = dashboard.results;
  rows.push(...dashboard.rows);
}

if (only.has('cluster')) {
  const cluster = await benchCluster();
  results.cluster = cluster.results;
  rows.push(...cluster.rows);
}

if (only.has('store')) {
  const store = await benchStorePostgres();
  results.storePostgres = store.results;
  rows.push(...store.rows);
}

results.loadAverageAfter = loadavg().map((n) => Number(n.toFixed(2)));
const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
console.log(
  `\ntapdeck benchmark (node ${process.version}, ${cpus().length} cores, load before ${String(results.loadAverageBefore)}, after ${String(results.loadAverageAfter)})`,
);
for (const row of rows)
  console.log(
    `  ${row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()}`,
  );
const out = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/results/latest.json`);
