/**
 * `npm run screenshots`: renders every page of the dashboard — the fleet, each section of a rolled-out TapStack
 * with an alarm firing and a dry run done, a failed rollout, the audit log, sign-in, not-found — at desktop and
 * phone width, light and dark, against a throwaway localaws, into .screenshots/<page>-<width>-<theme>.png for a
 * human to look at. Uses the last `next build`; run `npm run build` first after changing the UI.
 */
import { readFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { chromium } from '@playwright/test';
import { startLocalaws } from 'localaws';
import { findChromium } from '../e2e/chromium';
import { ensureAssembly, templateFile } from '../infra/test/tapstack-assembly';
import { seedDemo } from './demo';
import { loadLocalAuth, localAuthEnv } from './lib/local-auth';
import { dashboardServerArgs, localAwsEnv, repoRoot } from './lib/local-env';
import { run, waitForUrl } from './lib/run';

// SCREENSHOTS_PORT: a free port when several checkouts share the machine.
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3056);
const outDir = path.join(repoRoot, '.screenshots');
const STACK = 'TapStack-shots';
const BROKEN = 'TapStack-shots-broken';
const RUN = 'shots-dry-run';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

mkdirSync(outDir, { recursive: true });
await ensureAssembly();
const aws = await startLocalaws({ port: 0, speed: 100, log: () => {} });
const clientConfig = { endpoint: aws.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const cfn = new CloudFormationClient(clientConfig);

/** Creates a TapStack from the run's synthesis with the demo seed's parameters and waits until it settles. */
async function createTapStack(name: string, suffix: string, parameters: object, variant?: 'kms-tag-json') {
  await cfn.send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: readFileSync(templateFile(variant), 'utf8'),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      Parameters: Object.entries({ ...parameters, EnvironmentSuffix: suffix }).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
    }),
  );
  for (;;) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (!stack?.StackStatus?.endsWith('_IN_PROGRESS')) return stack;
    await sleep(250);
  }
}

const seed = await seedDemo(aws.url, { log: () => undefined });
const stack = await createTapStack(STACK, 'shots', seed.parameters);
await createTapStack(BROKEN, 'shots-broken', seed.parameters, 'kms-tag-json');
const stateMachineArn = stack?.Outputs?.find((o) => o.OutputKey === 'StateMachineArn')?.OutputValue ?? '';
const sfn = new SFNClient(clientConfig);
const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: RUN, input: '{"dryRun":true}' }));
while ((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'RUNNING') await sleep(250);
await new CloudWatchClient(clientConfig).send(
  new SetAlarmStateCommand({
    AlarmName: `${STACK}-throttles`,
    StateValue: 'ALARM',
    StateReason:
      'Threshold Crossed: 1 out of the last 1 datapoints [3.0 (01/12/26 18:25:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
  }),
);

// Throwaway users and database: the screenshots never touch npm run local's .tapdeck/.
const scratch = mkdtempSync(path.join(tmpdir(), 'tapdeck-screenshots-'));
const auth = loadLocalAuth(scratch);
const admin = auth.users.find((user) => user.role === 'admin')!;
const dashboard = run('dashboard', process.execPath, dashboardServerArgs('127.0.0.1', PORT), {
  ...localAwsEnv(aws.url),
  ...localAuthEnv(auth, `http://localhost:${PORT}`),
  TAPDECK_DB_PATH: path.join(scratch, 'tapdeck.db'),
  TAPDECK_POLL_ALARMS_MS: '1000',
});
try {
  await waitForUrl(`http://127.0.0.1:${PORT}/signin`, 30_000);
  const browser = await chromium.launch({ executablePath: findChromium() });
  const section = (name: string) => `/stacks/${STACK}${name ? `/${name}` : ''}`;
  const pages: Array<[string, string]> = [
    ['fleet', '/'],
    ['stack', section('')],
    ['events', section('events')],
    ['timeline', section('timeline')],
    ['resources', section('resources')],
    ['parameters', section('parameters')],
    ['change-sets', section('change-sets')],
    ['alarms', section('alarms')],
    ['alarm', section(`alarms/${STACK}-throttles`)],
    ['executions', section('executions')],
    ['execution', section(`executions/${RUN}`)],
    ['activity', section('activity')],
    ['cmk', section('cmk')],
    ['stack-failed', `/stacks/${BROKEN}`],
    ['stack-missing', '/stacks/NoSuchStack'],
    ['not-found', '/stacks/bad_name'],
    ['audit', '/audit'],
  ];
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'tapdeck-theme', value: theme, url: `http://localhost:${PORT}` }]);
    const anonymous = await context.newPage();
    await anonymous.goto(`http://localhost:${PORT}/signin`);
    await anonymous.screenshot({ path: path.join(outDir, `signin-1280-${theme}.png`), fullPage: true });
    await anonymous.close();
    // Signed in as the admin, through next-auth's own endpoints, for every other page.
    const { csrfToken } = (await (await context.request.get(`http://localhost:${PORT}/api/auth/csrf`)).json()) as {
      csrfToken: string;
    };
    await context.request.post(`http://localhost:${PORT}/api/auth/callback/credentials`, {
      form: { csrfToken, login: admin.login, password: admin.password, json: 'true' },
    });
    for (const [name, url] of pages) {
      for (const width of [1280, 390]) {
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`http://localhost:${PORT}${url}`);
        await page.waitForTimeout(2500); // let the live streams deliver their first messages
        const file = `${name}-${width}-${theme}.png`;
        await page.screenshot({ path: path.join(outDir, file), fullPage: true });
        await page.close();
        console.log(`saved .screenshots/${file}`);
      }
    }
    await context.close();
  }
  await browser.close();
} finally {
  dashboard.stop();
  await dashboard.exited;
  await aws.close();
}
