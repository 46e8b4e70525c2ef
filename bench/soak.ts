/**
 * Soak: localaws under the demo's load with faults for a while, then killed with SIGKILL during a save.
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--interval-ms 1000] [--speed 20]
 *
 * localaws runs in its own process (scripts/localaws.ts, loopback, a temp data directory). The TapStack is created
 * from the run's shared synthesis (infra/test/tapstack-assembly.ts) by SDK CreateStack with the demo seed's
 * parameters; the demo driver starts a dry run every interval while fault rules throttle ~30 % and fail ~5 % of the
 * target account's S3 and DynamoDB calls, and a reader polls DescribeStackEvents / DescribeAlarms / ListExecutions
 * as the dashboard does. Every 30 s it prints localaws's RSS and live heap, its CPU and the reads' latency. At the
 * end: memory after the warm-up (3 minutes, in which retention reaches its caps; see RETENTION) against the end, request counts, p99, executions; then SIGKILL while a save is being
 * written (just after some writes), a restart on the same data directory, and a check that the state saved before
 * is all there. Bounded: the whole run ends within --minutes plus 4 minutes, whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { ListExecutionsCommand, SFNClient, StartExecutionCommand, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { ensureAssembly, templateFile } from '../infra/test/tapstack-assembly';
import { seedDemo, startDemoDriver } from '../scripts/demo';
import { DEMO_TARGET_ACCOUNT } from '../scripts/demo/seed';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    'interval-ms': { type: 'string' },
    speed: { type: 'string' },
    'default-retention': { type: 'boolean' },
  },
});
const MINUTES = Number(values.minutes ?? 10);
const INTERVAL_MS = Number(values['interval-ms'] ?? 1_000);
const SPEED = Number(values.speed ?? 20);
/**
 * Retention caps for the run, tighter than localaws's defaults (1,000 executions per state machine, 100,000 log
 * events per group and points per metric, 10,000 STS sessions): at the driver's pace the defaults would bind only after about 20
 * minutes, so memory would grow through a 10-minute soak by design. With these, what localaws keeps reaches its
 * steady state within the warm-up, and any growth after it is a leak. (--default-retention keeps the defaults.)
 */
const RETENTION = values['default-retention']
  ? {}
  : {
      LOCALAWS_EXECUTIONS_KEPT: '100',
      LOCALAWS_LOG_EVENTS_PER_GROUP: '10000',
      LOCALAWS_METRIC_POINTS_PER_SERIES: '10000',
      LOCALAWS_STS_SESSIONS_KEPT: '1000',
    };
const WARM_UP_MS = Math.min(3 * 60_000, (MINUTES * 60_000) / 3);
const SAMPLE_MS = 30_000;
const STACK = 'TapStack-soak';
const ADMIN = { 'x-localaws-admin': '1', 'content-type': 'application/json' };
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Hard bound: whatever hangs, the run ends (and takes its localaws with it).
let child: ChildProcess | undefined;
const hardStop = setTimeout(
  () => {
    console.error(`soak: still running after ${MINUTES + 4} minutes; stopping`);
    child?.kill('SIGKILL');
    process.exit(2);
  },
  (MINUTES + 4) * 60_000,
);
hardStop.unref();

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** Starts scripts/localaws.ts on a free loopback port with `dataDir`; resolves with its URL once it listens. */
async function startLocalaws(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(
    process.execPath,
    [
      // e.g. SOAK_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile localaws under the soak
      ...(process.env.SOAK_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      // Memory samples collect garbage first (/_localaws/memory?gc=1): live heap, not the collector's timing.
      '--expose-gc',
      '--import',
      'tsx',
      path.join(REPO, 'scripts/localaws.ts'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--speed',
      String(SPEED),
      '--data-dir',
      dataDir,
    ],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...RETENTION,
        // glibc gives each of libuv's file-system threads its own malloc arena; the saves' buffers, written from
        // those threads, then swing RSS by ±15 % while the heap stays flat. Two arenas (a common setting for long
        // Node processes) keep RSS within a few percent; the soak's own environment can override it.
        MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  child = proc;
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.once('exit', (code) => reject(new Error(`localaws exited with ${code} before listening:\n${output}`)));
  });
  proc.stdout!.resume();
  proc.stderr!.resume();
  return { url, proc };
}

async function admin<T>(url: string, route: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${url}/_localaws/${route}`, {
    method: init.method ?? 'GET',
    headers: ADMIN,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!res.ok) throw new Error(`admin ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const clients = (url: string) => {
  const config = {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  return { cfn: new CloudFormationClient(config), cloudwatch: new CloudWatchClient(config), sfn: new SFNClient(config) };
};
type Clients = ReturnType<typeof clients>;

async function describeStack(c: Clients): Promise<Stack> {
  return (await c.cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!;
}

async function listExecutions(c: Clients, stateMachineArn: string): Promise<ExecutionListItem[]> {
  const all: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const out = await c.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
    all.push(...(out.executions ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  return all;
}

async function alarmNames(c: Clients): Promise<string[]> {
  const out = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'TapStack-soak', MaxRecords: 100 }));
  const names = (out.MetricAlarms ?? []).map((a) => a.AlarmName ?? '');
  return names.length ? names.sort() : [];
}

/** Every file under `dir` (relative name and size): what a crash left on disk. */
function filesUnder(dir: string): Array<{ name: string; size: number }> {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => ({ name, stat: statSync(path.join(dir, name)) }))
    .filter((f) => f.stat.isFile())
    .map((f) => ({ name: f.name, size: f.stat.size }));
}

const outputOf = (stack: Stack, key: string) => stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue ?? '';

// ---------------------------------------------------------------------------------------------------------------

// The pinned SDK's notice about its 2027 Node requirement, once per client, would drown the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = mkdtempSync(path.join(tmpdir(), 'tapdeck-soak-'));
console.log(`soak: ${MINUTES} min, driver every ${INTERVAL_MS} ms, localaws speed ${SPEED}, state in ${dataDir}`);
console.log(
  `soak: retention ${
    Object.keys(RETENTION).length
      ? Object.entries(RETENTION)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')
      : "localaws's defaults"
  }`,
);
await ensureAssembly((line) => console.log(`soak: ${line}`));
let { url, proc } = await startLocalaws(dataDir);
let c = clients(url);
console.log(`soak: localaws pid ${proc.pid} at ${url}`);

try {
  const seed = await seedDemo(url, { log: () => undefined });
  const parameters = { ...seed.parameters, EnvironmentSuffix: 'soak' };
  const started = Date.now();
  await c.cfn.send(
    new CreateStackCommand({
      StackName: STACK,
      TemplateBody: readFileSync(templateFile(), 'utf8'),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }),
  );
  let stack = await describeStack(c);
  while (stack.StackStatus?.endsWith('_IN_PROGRESS')) {
    await sleep(250);
    stack = await describeStack(c);
  }
  if (stack.StackStatus !== 'CREATE_COMPLETE') throw new Error(`${STACK} ended ${stack.StackStatus}: ${stack.StackStatusReason}`);
  const stateMachineArn = outputOf(stack, 'StateMachineArn');
  console.log(`soak: ${STACK} CREATE_COMPLETE in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // P(error) = (1 − throttle) × errorRate, as the engine draws throttling first (infra/localaws/src/faults.ts).
  const errorRate = Number((0.05 / 0.7).toFixed(3));
  const faultRules = ['s3', 'dynamodb'].map((service) => ({
    service,
    account: DEMO_TARGET_ACCOUNT,
    throttleRate: 0.3,
    errorRate,
  }));
  await admin(url, 'faults', { method: 'POST', body: faultRules });
  console.log(
    `soak: fault rules on ${DEMO_TARGET_ACCOUNT}'s s3 and dynamodb: throttleRate 0.3, errorRate ${errorRate} (≈5 % of calls)`,
  );
  await admin(url, 'requests', { method: 'DELETE' });

  let driverLines = 0;
  const driver = startDemoDriver(url, {
    stackName: STACK,
    intervalMs: INTERVAL_MS,
    faultEvery: 0,
    log: () => (driverLines += 1),
  });

  // The reader: what the dashboard's pollers ask, one round after another.
  const latencies: Record<string, number[]> = { DescribeStackEvents: [], DescribeAlarms: [], ListExecutions: [] };
  let windowLatencies: number[] = [];
  let readErrors = 0;
  let reading = true;
  const timed = async (name: string, call: () => Promise<unknown>) => {
    const t = performance.now();
    try {
      await call();
    } catch {
      readErrors += 1;
    }
    const ms = performance.now() - t;
    latencies[name]!.push(ms);
    windowLatencies.push(ms);
  };
  const reader = (async () => {
    while (reading) {
      await Promise.all([
        timed('DescribeStackEvents', () => c.cfn.send(new DescribeStackEventsCommand({ StackName: STACK }))),
        timed('DescribeAlarms', () => c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'TapStack-soak' }))),
        timed('ListExecutions', () => c.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100 }))),
      ]);
      await sleep(200);
    }
  })();

  type Sample = { atS: number; rss: number; heapUsed: number; p99: number; cpuPercent: number };
  const samples: Sample[] = [];
  const soakStart = Date.now();
  let lastCpu = { micros: 0, at: 0 };
  const take = async () => {
    const m = await admin<{ rss: number; heapUsed: number; cpuMicros: number }>(url, 'memory?gc=1');
    const now = performance.now();
    const sample = {
      atS: Math.round((Date.now() - soakStart) / 1000),
      rss: m.rss,
      heapUsed: m.heapUsed,
      p99: quantile(windowLatencies, 0.99),
      // localaws's own CPU time over the window: flat when its cost does not grow with what it holds.
      cpuPercent: lastCpu.at ? ((m.cpuMicros - lastCpu.micros) / 1000 / (now - lastCpu.at)) * 100 : NaN,
    };
    lastCpu = { micros: m.cpuMicros, at: now };
    windowLatencies = [];
    samples.push(sample);
    console.log(
      `soak: t=${sample.atS}s rss ${mb(sample.rss)} MB heap ${mb(sample.heapUsed)} MB, localaws CPU ${sample.cpuPercent.toFixed(0)} %, reads p99 ${sample.p99.toFixed(1)} ms, executions started ${driver.started}`,
    );
  };
  await take();
  let warm: Sample | undefined;
  while (Date.now() - soakStart < MINUTES * 60_000) {
    await sleep(Math.min(SAMPLE_MS, MINUTES * 60_000 - (Date.now() - soakStart)));
    await take();
    if (!warm && Date.now() - soakStart >= WARM_UP_MS) warm = samples.at(-1);
  }
  reading = false;
  await reader;
  await driver.stop();

  const end = samples.at(-1)!;
  warm ??= samples[0]!;
  const requests = await admin<{ total: number; operations: Record<string, number> }>(url, 'requests');
  const executions = await listExecutions(c, stateMachineArn);
  const byStatus = executions.reduce<Record<string, number>>(
    (acc, e) => ({ ...acc, [e.status ?? '?']: (acc[e.status ?? '?'] ?? 0) + 1 }),
    {},
  );
  const change = (a: number, b: number) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)} %`;
  const all = Object.values(latencies).flat();
  console.log('\nsoak: results');
  console.log(`  memory after warm-up (t=${warm.atS}s): rss ${mb(warm.rss)} MB, heap ${mb(warm.heapUsed)} MB`);
  console.log(
    `  localaws CPU per ${SAMPLE_MS / 1000} s window: ${samples
      .map((x) => x.cpuPercent)
      .filter((x) => !Number.isNaN(x))
      .map((x) => x.toFixed(0))
      .join(' → ')} %`,
  );
  console.log(
    `  memory at the end    (t=${end.atS}s): rss ${mb(end.rss)} MB (${change(warm.rss, end.rss)}), heap ${mb(end.heapUsed)} MB (${change(warm.heapUsed, end.heapUsed)})`,
  );
  console.log(
    `  flat within 20 %: rss ${Math.abs(end.rss / warm.rss - 1) <= 0.2 ? 'yes' : 'NO'}, heap ${Math.abs(end.heapUsed / warm.heapUsed - 1) <= 0.2 ? 'yes' : 'NO'}`,
  );
  console.log(
    `  localaws requests: ${requests.total} (${(requests.total / (MINUTES * 60)).toFixed(0)}/s); top: ${Object.entries(
      requests.operations,
    )
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  for (const [name, xs] of Object.entries(latencies))
    console.log(`  ${name}: ${xs.length} reads, p50 ${quantile(xs, 0.5).toFixed(1)} ms, p99 ${quantile(xs, 0.99).toFixed(1)} ms`);
  console.log(`  all reads: ${all.length}, p99 ${quantile(all, 0.99).toFixed(1)} ms, ${readErrors} failed`);
  console.log(
    `  executions: ${driver.started} started by the driver, ${executions.length} listed: ${Object.entries(byStatus)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}`,
  );
  const faults = await admin<{ rules: Array<{ service: string; matched: number }> }>(url, 'faults');
  console.log(`  fault rules matched: ${faults.rules.map((r) => `${r.service} ${r.matched}`).join(', ')}`);

  // A profile is written only when localaws exits normally (SIGTERM in `finally`), not after SIGKILL.
  const profiling = process.env.SOAK_NODE_ARGS?.includes('--cpu-prof') ?? false;
  if (profiling) console.log('soak: profiling: no crash check, so localaws ends with SIGTERM and writes its profile');
  if (!profiling) {
    // --- crash during a save -------------------------------------------------------------------------------------
    await admin(url, 'state/save', { method: 'POST' });
    await sleep(2_000); // the save runs in steps after the answer; let it finish
    const before = {
      stackId: stack.StackId,
      status: (await describeStack(c)).StackStatus,
      alarms: await alarmNames(c),
      executions: new Set((await listExecutions(c, stateMachineArn)).map((e) => e.executionArn)),
    };
    console.log(
      `\nsoak: saved: ${STACK} ${before.status}, ${before.alarms.length} alarms, ${before.executions.size} executions; now writes, then SIGKILL during the save they cause`,
    );
    // A save writes each file as `<name>.<pid>.tmp` and renames it into place: kill the moment a temp file appears.
    let killedAt = '';
    const killed = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const watcher = watch(dataDir, { recursive: true }, (_event, name) => {
      if (name?.endsWith('.tmp') && !killedAt) {
        killedAt = `when the save's temp file ${name} appeared`;
        proc.kill('SIGKILL');
      }
    });
    const writeStarted = Date.now();
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) =>
        c.sfn
          .send(new StartExecutionCommand({ stateMachineArn, name: `soak-crash-${i}`, input: '{"dryRun":true}' }))
          .catch(() => undefined),
      ),
      c.cloudwatch
        .send(
          new SetAlarmStateCommand({ AlarmName: before.alarms[0], StateValue: 'ALARM', StateReason: 'soak: before the crash' }),
        )
        .catch(() => undefined),
    ]);
    // Fallback, if the watch sees no temp file: a random moment after the debounced save should have started
    // (300 ms quiet, 3 s at most under churn).
    const fallback = setTimeout(
      () => {
        if (!killedAt) {
          killedAt = 'at a random moment after the writes (the watch saw no temp file)';
          proc.kill('SIGKILL');
        }
      },
      3_000 + Math.random() * 1_000,
    );
    await killed;
    clearTimeout(fallback);
    watcher.close();
    const files = filesUnder(dataDir);
    const temps = files.filter((f) => f.name.endsWith('.tmp'));
    const describeFiles = (list: typeof files) => list.map((f) => `${f.name} ${f.size} B`).join(', ') || 'none';
    console.log(`soak: killed ${Date.now() - writeStarted} ms after the writes began, ${killedAt}`);
    console.log(
      `  left half-written: ${describeFiles(temps)}; state files: ${files.length - temps.length} (${(files.filter((f) => !f.name.endsWith('.tmp')).reduce((n, f) => n + f.size, 0) / 1024).toFixed(0)} KB)`,
    );
    for (const client of Object.values(c)) client.destroy();
    const restartAt = Date.now();
    ({ url, proc } = await startLocalaws(dataDir));
    c = clients(url);
    const after = await describeStack(c);
    const alarmsAfter = await alarmNames(c);
    const executionsAfter = new Set((await listExecutions(c, stateMachineArn)).map((e) => e.executionArn));
    const missingExecutions = [...before.executions].filter((arn) => !executionsAfter.has(arn));
    const checks = {
      stack: after.StackId === before.stackId && after.StackStatus === before.status,
      alarms: before.alarms.every((name) => alarmsAfter.includes(name)),
      executions: missingExecutions.length === 0,
    };
    console.log(`soak: restarted in ${Date.now() - restartAt} ms on the same data directory`);
    console.log(`  stack: ${after.StackStatus} (same id: ${after.StackId === before.stackId}) ${checks.stack ? '✓' : '✗'}`);
    console.log(`  alarms: ${alarmsAfter.length} of the ${before.alarms.length} saved ${checks.alarms ? '✓' : '✗'}`);
    console.log(
      `  executions: ${executionsAfter.size} listed, ${before.executions.size - missingExecutions.length} of the ${before.executions.size} saved ${checks.executions ? '✓' : '✗'} (+${executionsAfter.size - before.executions.size + missingExecutions.length} from the writes before the kill)`,
    );
    process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
  }
} finally {
  for (const client of Object.values(c)) client.destroy();
  if (proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    // Its final save of everything (and a CPU profile) may take a while on a loaded machine.
    await Promise.race([exited, sleep(30_000)]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
  clearTimeout(hardStop);
}
