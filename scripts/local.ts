/**
 * `npm run local`: the whole product on one machine. Starts localaws (state kept in .localaws/), seeds a demo
 * target account, builds and starts the dashboard, deploys the TapStack to localaws with the real `cdk deploy`
 * (the dashboard shows it rolling out), then runs dry-run executions now and then so alarms and executions move.
 * Ctrl-C stops everything.
 *
 *   PORT                    dashboard port (3000)
 *   HOST                    interface the dashboard listens on (127.0.0.1: only this machine)
 *   LOCALAWS_PORT           localaws port (4566)
 *   LOCALAWS_SPEED          how much faster than AWS stack operations run (5; 1 = AWS-like durations)
 *   LOCALAWS_ALARM_SPEEDUP  how much faster alarm periods pass (60: a 5-minute period takes 5 s)
 *   TAPDECK_STACK_SUFFIX    the stack is TapStack-<suffix> (dev)
 *   TAPDECK_SKIP_BUILD=1    reuse the last `next build`
 *   TAPDECK_NO_DEMO=1       no demo seeding, background executions or broken stack
 *   TAPDECK_DEMO_FAULT_EVERY every Nth demo execution meets injected faults (12: about once a minute; 0 = never)
 *   TAPDECK_DEMO_VARIANT    the broken TapStack variant deployed beside the good one to show failure analysis
 *                           (logs-key-policy; also kms-tag-json, alarm-tag-json, sfn-log-delivery; none = skip)
 *   --reset                 forget localaws's saved state first
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { seedDemo, startDemoDriver, type DemoDriver } from './demo';
import { startLocalaws } from 'localaws';
import { describeLocalUsers, loadLocalAuth, localAuthEnv } from './lib/local-auth';
import { bin, dashboardServerArgs, localAwsEnv, repoRoot } from './lib/local-env';
import { run, waitForUrl, type Running } from './lib/run';

// localaws runs in this process: quiet the SDK's notice about its 2027 releases here too (the pinned SDK supports Node 20).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const localawsPort = Number(process.env.LOCALAWS_PORT ?? 4566);
const speed = Number(process.env.LOCALAWS_SPEED ?? 5);
const alarmSpeedup = Number(process.env.LOCALAWS_ALARM_SPEEDUP ?? 60);
const stackSuffix = process.env.TAPDECK_STACK_SUFFIX ?? 'dev';
const stackName = `TapStack-${stackSuffix}`;
const demo = process.env.TAPDECK_NO_DEMO !== '1';
const brokenVariant = process.env.TAPDECK_DEMO_VARIANT ?? 'logs-key-policy';
const faultEvery = Number(process.env.TAPDECK_DEMO_FAULT_EVERY ?? 12);

const children: Running[] = [];
let driver: DemoDriver | undefined;
let closeLocalaws: (() => Promise<void>) | undefined;

async function main() {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1_000).toFixed(1)} s`;

  const localaws = await startLocalaws({
    port: localawsPort,
    host: '127.0.0.1',
    speed,
    dataDir: path.join(repoRoot, '.localaws'),
    reset: process.argv.includes('--reset'),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new Error(`Port ${localawsPort} is taken (another localaws or LocalStack?). Stop it, or set LOCALAWS_PORT.`);
    throw error;
  });
  closeLocalaws = localaws.close;
  await fetch(`${localaws.url}/_localaws/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
    body: JSON.stringify({ alarmSpeedup }),
  });
  console.log(
    `localaws listening on ${localaws.url} (stack operations ×${speed}, alarm periods ×${alarmSpeedup}; state in .localaws/)`,
  );

  const env = localAwsEnv(localaws.url);
  const skipBuild = process.env.TAPDECK_SKIP_BUILD === '1' && existsSync(path.join(repoRoot, '.next', 'BUILD_ID'));
  const build = skipBuild ? undefined : track(run('next', bin('next'), ['build'], { ...env, NEXT_TELEMETRY_DISABLED: '1' }));

  // A target account with buckets and tables to pre-check, and the role the workflow assumes there.
  const seed = demo ? await seedDemo(localaws.url, { log: (line) => console.log(`[demo] ${line}`) }) : undefined;
  // Deploy while Next builds: synth and the change set take as long as the build on two cores.
  const deploy = track(
    run(
      'cdk',
      bin('cdk'),
      [
        'deploy',
        stackName,
        '-c',
        `suffix=${stackSuffix}`,
        ...(seed?.cdkArgs ?? []),
        '--require-approval',
        'never',
        '--progress',
        'events',
      ],
      env,
    ),
  );

  if (build && (await build.exited) !== 0) throw new Error('next build failed (see [next] lines above).');
  const auth = loadLocalAuth();
  const dashboardUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  track(
    run('dashboard', process.execPath, dashboardServerArgs(host, port), {
      ...env,
      ...localAuthEnv(auth, dashboardUrl),
      NEXT_TELEMETRY_DISABLED: '1',
    }),
  );
  await waitForUrl(`http://${probeHost(host)}:${port}/signin`, 60_000);
  console.log(
    `\n  tapdeck is ready at ${dashboardUrl}  (${seconds()})\n  Watching ${stackName}: ${dashboardUrl}/stacks/${stackName}\n` +
      `  Sign in as one of the local users (kept in .tapdeck/local-auth.json):\n${describeLocalUsers(auth)}\n  Ctrl-C stops everything.\n`,
  );

  const deployCode = await deploy.exited;
  if (deployCode !== 0) {
    console.log(`cdk deploy exited with ${deployCode}; the dashboard shows what happened.`);
    return;
  }
  console.log(`${stackName} deployed to localaws (${seconds()}).`);
  if (!demo) return;
  driver = startDemoDriver(localaws.url, {
    stackName,
    intervalMs: 5_000,
    faultEvery,
    log: (line) => console.log(`[demo] ${line}`),
  });
  console.log(
    `[demo] starting a dry-run execution every 5 s; every ${faultEvery}th meets injected throttles or errors so alarms move ` +
      '(between them, three clean dry runs in a row let the promotion preflight pass).',
  );
  if (brokenVariant !== 'none') {
    // The same mistake the seed made on AWS, failing here the way it failed there: a stack to practise on.
    const suffix = 'broken';
    console.log(
      `[demo] deploying TapStack-${suffix} with the seed's ${brokenVariant} mistake: http://localhost:${port}/stacks/TapStack-${suffix}`,
    );
    track(
      run(
        'cdk broken',
        bin('cdk'),
        [
          'deploy',
          `TapStack-${suffix}`,
          '-c',
          `suffix=${suffix}`,
          '-c',
          `variant=${brokenVariant}`,
          '--require-approval',
          'never',
          '--progress',
          'events',
        ],
        env,
      ),
    );
  }
}

/** Where to check that the dashboard answers: a wildcard address is reachable on loopback. */
function probeHost(listen: string): string {
  if (listen === '0.0.0.0' || listen === '::') return '127.0.0.1';
  return listen.includes(':') ? `[${listen}]` : listen;
}

function track(running: Running): Running {
  children.push(running);
  return running;
}

async function shutdown(code: number) {
  await driver?.stop().catch(() => {});
  for (const child of children) child.stop();
  await closeLocalaws?.().catch(() => {});
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: Error) => {
  console.error(`\nnpm run local failed: ${error.message}`);
  await shutdown(1);
});
