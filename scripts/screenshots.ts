/**
 * `npm run screenshots`: renders the dashboard's pages in several states (rolled out, failed, alarms firing,
 * missing stack, phone width) against a throwaway localaws and saves them to .screenshots/ for a human to look
 * at. Uses the last `next build`; run `npm run build` first after changing the UI.
 */
import { CloudFormationClient, CreateStackCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from '../e2e/chromium';
import { startLocalaws } from 'localaws';
import { loadLocalAuth, localAuthEnv } from './lib/local-auth';
import { bin, localAwsEnv, repoRoot } from './lib/local-env';
import { run, waitForUrl } from './lib/run';

const PORT = 3056;
const outDir = path.join(repoRoot, '.screenshots');

const alarm = (name: string, metric: string) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmName: name,
    Namespace: 'TapStack/demo',
    MetricName: metric,
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  },
});

const aws = await startLocalaws({ port: 0, speed: 100, log: () => {} });
const clientConfig = { endpoint: aws.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const cfn = new CloudFormationClient(clientConfig);
await cfn.send(
  new CreateStackCommand({
    StackName: 'Demo',
    TemplateBody: JSON.stringify({
      Resources: {
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/demo' } },
        Errors: alarm('Demo-errors', 'Errors'),
        Throttles: alarm('Demo-throttles', 'Throttles'),
      },
    }),
  }),
);
await cfn.send(
  new CreateStackCommand({
    StackName: 'Broken',
    TemplateBody: JSON.stringify({
      Resources: {
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/broken' } },
        Bad: { Type: 'AWS::Foo::Bar', DependsOn: 'Logs' },
      },
    }),
  }),
);
// A log group bound to a CMK whose policy lets Logs use it, so the CMK card has something to check.
const logsPrincipal = { Service: 'logs.us-east-1.amazonaws.com' };
await cfn.send(
  new CreateStackCommand({
    StackName: 'Bound',
    TemplateBody: JSON.stringify({
      Resources: {
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' },
                {
                  Effect: 'Allow',
                  Principal: logsPrincipal,
                  Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
                  Resource: '*',
                  Condition: {
                    ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:000000000000:log-group:/bound*' },
                  },
                },
              ],
            },
          },
        },
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/bound', KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } },
      },
      Outputs: { LogGroupName: { Value: { Ref: 'Logs' } }, KeyId: { Value: { Ref: 'Key' } } },
    }),
  }),
);
await waitUntilStackCreateComplete({ client: cfn, maxWaitTime: 60 }, { StackName: 'Demo' });
await waitUntilStackCreateComplete({ client: cfn, maxWaitTime: 60 }, { StackName: 'Bound' });
await new CloudWatchClient(clientConfig).send(
  new SetAlarmStateCommand({
    AlarmName: 'Demo-errors',
    StateValue: 'ALARM',
    StateReason:
      'Threshold Crossed: 1 out of the last 1 datapoints [3.0 (28/11/26 01:40:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
  }),
);

// Throwaway users and database: the screenshots never touch npm run local's .tapdeck/.
const scratch = mkdtempSync(path.join(tmpdir(), 'tapdeck-screenshots-'));
const auth = loadLocalAuth(scratch);
const admin = auth.users.find((user) => user.role === 'admin')!;
const next = run('next', bin('next'), ['start', '-H', '127.0.0.1', '-p', String(PORT)], {
  ...localAwsEnv(aws.url),
  ...localAuthEnv(auth, `http://localhost:${PORT}`),
  TAPDECK_DB_PATH: path.join(scratch, 'tapdeck.db'),
  TAPDECK_POLL_ALARMS_MS: '1000',
});
try {
  await waitForUrl(`http://127.0.0.1:${PORT}/signin`, 30_000);
  const browser = await chromium.launch({ executablePath: findChromium() });
  const anonymous = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await anonymous.goto(`http://localhost:${PORT}/signin`);
  await anonymous.screenshot({ path: path.join(outDir, 'signin.png'), fullPage: true });
  await anonymous.close();
  // Signed in as the admin, through next-auth's own endpoints, for every other page.
  const context = await browser.newContext();
  const { csrfToken } = (await (await context.request.get(`http://localhost:${PORT}/api/auth/csrf`)).json()) as {
    csrfToken: string;
  };
  await context.request.post(`http://localhost:${PORT}/api/auth/callback/credentials`, {
    form: { csrfToken, login: admin.login, password: admin.password, json: 'true' },
  });
  const shots: Array<[string, string, number]> = [
    ['stacks', '/', 1280],
    ['stack', '/stacks/Demo', 1280],
    ['stack-phone', '/stacks/Demo', 390],
    ['stack-failed', '/stacks/Broken', 1280],
    ['stack-cmk', '/stacks/Bound', 1280],
    ['stack-missing', '/stacks/NoSuchStack', 1280],
    ['not-found', '/stacks/bad_name', 1280],
    ['audit', '/audit', 1280],
    ['audit-phone', '/audit', 390],
  ];
  for (const [name, url, width] of shots) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`http://localhost:${PORT}${url}`);
    await page.waitForTimeout(2500); // let the live stream deliver its first messages
    await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
    await page.close();
    console.log(`saved .screenshots/${name}.png`);
  }
  await browser.close();
} finally {
  next.stop();
  await next.exited;
  await aws.close();
}
