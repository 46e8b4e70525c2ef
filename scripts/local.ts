/**
 * `npm run local`: the whole product on one machine. Starts localaws, builds and starts the dashboard, deploys
 * the TapStack to localaws with the real `cdk deploy` (the dashboard shows it rolling out), and stops everything
 * on Ctrl-C.
 *
 *   PORT            dashboard port (3000)
 *   LOCALAWS_PORT   localaws port (4566)
 *   LOCALAWS_SPEED  how much faster than AWS stack operations run (5; 1 = AWS-like durations)
 *   TAPDECK_SKIP_BUILD=1  reuse the last `next build`
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startLocalaws } from '../infra/localaws/src/index';
import { bin, localAwsEnv, repoRoot } from './lib/local-env';
import { run, waitForUrl, type Running } from './lib/run';

const port = Number(process.env.PORT ?? 3000);
const localawsPort = Number(process.env.LOCALAWS_PORT ?? 4566);
const speed = Number(process.env.LOCALAWS_SPEED ?? 5);
const stackSuffix = process.env.TAPDECK_STACK_SUFFIX ?? 'dev';

const children: Running[] = [];
let closeLocalaws: (() => Promise<void>) | undefined;

async function main() {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1_000).toFixed(1)} s`;

  const localaws = await startLocalaws({ port: localawsPort, host: '127.0.0.1', speed }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new Error(`Port ${localawsPort} is taken (another localaws or LocalStack?). Stop it, or set LOCALAWS_PORT.`);
    }
    throw error;
  });
  closeLocalaws = localaws.close;
  console.log(`localaws listening on ${localaws.url} (speed ×${speed})`);

  const env = localAwsEnv(localaws.url);
  const skipBuild = process.env.TAPDECK_SKIP_BUILD === '1' && existsSync(path.join(repoRoot, '.next', 'BUILD_ID'));
  const build = skipBuild ? undefined : track(run('next', bin('next'), ['build'], { ...env, NEXT_TELEMETRY_DISABLED: '1' }));
  // Deploy while Next builds: synth and the change set take as long as the build on two cores.
  const deploy = track(
    run('cdk', bin('cdk'), ['deploy', `TapStack-${stackSuffix}`, '-c', `suffix=${stackSuffix}`, '--require-approval', 'never', '--progress', 'events'], env),
  );

  if (build && (await build.exited) !== 0) throw new Error('next build failed (see [next] lines above).');
  track(run('next', bin('next'), ['start', '-p', String(port)], { ...env, NEXT_TELEMETRY_DISABLED: '1' }));
  await waitForUrl(`http://localhost:${port}/`, 60_000);
  console.log(`\n  tapdeck is ready at http://localhost:${port}  (${seconds()})\n  Watching TapStack-${stackSuffix}: http://localhost:${port}/stacks/TapStack-${stackSuffix}\n  Ctrl-C stops everything.\n`);

  const deployCode = await deploy.exited;
  console.log(deployCode === 0 ? `TapStack-${stackSuffix} deployed to localaws (${seconds()}).` : `cdk deploy exited with ${deployCode}; the dashboard shows what happened.`);
}

function track(running: Running): Running {
  children.push(running);
  return running;
}

async function shutdown(code: number) {
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
