import path from 'node:path';
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import type { Page } from '@playwright/test';
import type { BrokenVariant } from '../infra/lib/broken-variants';
import { sharedTemplate } from '../infra/test/synth';
import { ensureAssembly } from '../infra/test/tapstack-assembly';
import { localawsUrl } from './env';
import { keepScreenshot } from './screenshots';
import { expect, test } from './tapstack';

/**
 * Remediation and the CMK chain on localaws: failed rollouts of the broken TapStack variants show the root cause
 * and the fix for that mistake; the CMK page flags a key policy that lost the Logs grant (PutKeyPolicy after
 * deploy) live, on the page and on the overview's card; the pattern tester shows matches and refuses bad input.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };
/** Element screenshots, for looking at one panel closely (whole pages go through keepScreenshot). */
const shot = (name: string) => path.join(import.meta.dirname, '..', '.screenshots', `${name}.png`);
const kms = new KMSClient({
  endpoint: localawsUrl,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

const VARIANTS: Array<{
  variant: Exclude<BrokenVariant, 'conditional-depends-on'>;
  resourceType: string;
  code: string;
  remediations: string[];
}> = [
  { variant: 'kms-tag-json', resourceType: 'AWS::KMS::Key', code: 'InvalidRequest', remediations: ['kms-tag-json'] },
  { variant: 'alarm-tag-json', resourceType: 'AWS::CloudWatch::Alarm', code: 'InvalidRequest', remediations: ['alarm-tag-json'] },
  {
    variant: 'logs-key-policy',
    resourceType: 'AWS::Logs::LogGroup',
    code: 'GeneralServiceException',
    remediations: ['logs-key-policy-use', 'logs-key-policy-grant'],
  },
  {
    variant: 'sfn-log-delivery',
    resourceType: 'AWS::StepFunctions::StateMachine',
    code: 'AccessDenied',
    remediations: ['sfn-log-delivery'],
  },
];

async function atPhoneWidth(page: Page, name: string): Promise<void> {
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  await keepScreenshot(page, name);
  if (desktop) await page.setViewportSize(desktop);
}

test('failed rollouts of the broken variants show the root cause and the fix for that mistake', async ({ page, localaws }) => {
  await ensureAssembly(() => {});
  const run = Date.now().toString(36).slice(-5);
  const stacks = VARIANTS.map((v) => ({ ...v, name: `TapStack-r${v.variant.replace(/-/g, '').slice(0, 9)}${run}` }));
  try {
    // All four at once: each fails on its own resource and rolls back in a few seconds at localaws speed 10.
    await Promise.all(
      stacks.map(({ variant, name }) =>
        localaws.cloudformation.send(
          new CreateStackCommand({
            StackName: name,
            TemplateBody: JSON.stringify(sharedTemplate({ suffix: name.slice('TapStack-'.length), variant })),
            Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
          }),
        ),
      ),
    );
    for (const { name } of stacks) await localaws.waitForStatus(name, (s) => s === 'ROLLBACK_COMPLETE', 120_000);

    for (const { variant, name, resourceType, code, remediations } of stacks) {
      await page.goto(`/stacks/${name}`);
      const rootCause = page.getByTestId('root-cause');
      await expect(rootCause, variant).toContainText(resourceType);
      await expect(rootCause).toContainText(code);
      const shown = rootCause.locator('[data-remediation]');
      await expect(shown).toHaveCount(remediations.length);
      for (const [index, id] of remediations.entries()) await expect(shown.nth(index)).toHaveAttribute('data-remediation', id);
      await expect(rootCause.getByRole('region', { name: 'How to fix it' })).toContainText('Fix:');

      if (variant === 'logs-key-policy') {
        // The snippet is folded under its label; opening it shows the statement to add.
        await rootCause.getByText('Key policy statement (infra/lib/log-cmk.ts)').click();
        await expect(rootCause.locator('[data-remediation="logs-key-policy-grant"] pre')).toContainText(
          'kms:GrantIsForAWSResource',
        );
        await keepScreenshot(page, 'root-cause-remediation-1280');
        await atPhoneWidth(page, 'root-cause-remediation-390');
        await page.setViewportSize(PHONE);
        await rootCause.screenshot({ path: shot('root-cause-callout-element-390') });
        await page.setViewportSize(DESKTOP);
      }
    }
  } finally {
    for (const { name } of stacks) await localaws.deleteStack(name);
  }
});

test('the CMK chain flags a key policy without the Logs grant, live, with its remediation', async ({
  page,
  signedInAs,
  deployTapStack,
  tapstacks,
  apiAs,
}) => {
  const stack = await deployTapStack();
  // One dry run, so the log group has events to prefill the pattern tester with.
  await tapstacks.startDryRuns(await apiAs('operator'), stack.name, 1);

  await page.goto(`/stacks/${stack.name}/cmk`);
  const chain = page.getByTestId('cmk-chain');
  await expect(chain).toHaveAttribute('data-status', /ok|warning/);
  for (const link of ['key', 'key-policy', 'log-group', 'filters', 'alarms'])
    await expect(chain.locator(`[data-link="${link}"]`)).toHaveAttribute('data-status', 'ok');
  await expect(chain.locator('[data-alarm]')).toHaveCount(2);
  await expect(page.getByTestId('pattern-tester')).toHaveCount(2);
  await expect(page.getByTestId('pattern-tester').first().getByLabel('Sample log lines, one per line')).not.toHaveValue('');
  await keepScreenshot(page, 'cmk-chain-ok-1280');

  // The overview's CMK card follows the same shared stream.
  const overview = await signedInAs('viewer');
  await overview.goto(`/stacks/${stack.name}`);
  await expect(overview.getByTestId('cmk-binding')).toContainText('The key policy grants CloudWatch Logs everything it needs');
  // Its own stream and indicator: the stack's live indicator stays the only `live-indicator` on the page.
  await expect(overview.getByTestId('cmk-live-indicator')).toHaveAttribute('data-connection', 'open');
  await expect(overview.getByTestId('live-indicator')).toHaveCount(1);

  // Someone edits the key policy after deploy and drops the Logs CreateGrant statement.
  const { outputs } = await tapstacks.describe(stack.name);
  const keyId = outputs.CmkArn!;
  const current = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy!) as {
    Statement: Array<{ Sid?: string }>;
  };
  const narrowed = { ...current, Statement: current.Statement.filter((s) => s.Sid !== 'LogsCreatesGrantsForAwsResources') };
  expect(narrowed.Statement.length).toBe(current.Statement.length - 1);
  await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(narrowed) }));

  const policyLink = chain.locator('[data-link="key-policy"]');
  await expect(policyLink).toHaveAttribute('data-status', 'failure');
  await expect(chain).toHaveAttribute('data-status', 'failure');
  await expect(policyLink.locator('[data-check="create-grant"]')).toHaveAttribute('data-ok', 'false');
  await expect(policyLink.locator('[data-remediation]')).toHaveCount(1);
  await expect(policyLink.locator('[data-remediation="logs-key-policy-grant"]')).toContainText(
    'The key policy does not let CloudWatch Logs create grants for AWS resources',
  );
  await expect(overview.getByTestId('cmk-binding')).toContainText('The key policy misses 1 of 5 grants CloudWatch Logs needs');
  await expect(overview.getByTestId('cmk-binding')).toHaveAttribute('data-status', 'failure');
  await keepScreenshot(page, 'cmk-chain-missing-grant-1280');
  await atPhoneWidth(page, 'cmk-chain-missing-grant-390');
  await keepScreenshot(overview, 'overview-cmk-card-missing-grant-1280');
});

test('the pattern tester shows which lines match and refuses bad input with clear 400s', async ({
  page,
  deployTapStack,
  apiAs,
}) => {
  const stack = await deployTapStack();
  await page.goto(`/stacks/${stack.name}/cmk`);
  const tester = page.locator('[data-testid="pattern-tester"][data-filter*="Throttles"]');
  const throttle = '{"type":"TaskFailed","details":{"error":"S3.ThrottlingException","cause":"Rate exceeded"}}';
  const failure = '{"type":"TaskFailed","details":{"error":"S3.AccessDeniedException"}}';
  await tester.getByLabel('Sample log lines, one per line').fill([throttle, failure, '{"type":"TaskSucceeded"}'].join('\n'));
  await tester.getByRole('button', { name: 'Test pattern' }).click();
  const result = tester.getByTestId('pattern-result');
  await expect(result).toContainText('1 of 3 lines match');
  await expect(result.locator('li[data-matched="true"]')).toHaveCount(1);
  await expect(result.locator('li[data-matched="true"]')).toContainText('S3.ThrottlingException');
  await keepScreenshot(page, 'cmk-tester-1280');
  await page.setViewportSize(PHONE);
  await keepScreenshot(page, 'cmk-tester-390');
  await tester.screenshot({ path: shot('cmk-tester-element-390') });
  await page.setViewportSize(DESKTOP);

  // An edited pattern that CloudWatch Logs cannot parse is the user's to fix: a 400 with its words.
  await tester.getByLabel('Filter pattern').fill('{ $.type = ');
  await tester.getByRole('button', { name: 'Test pattern' }).click();
  await expect(tester.getByRole('alert')).toContainText('CloudWatch Logs refused the pattern');

  const api = await apiAs('viewer');
  const url = `/api/stacks/${stack.name}/cmk/test-pattern`;
  const post = (data: unknown, headers: Record<string, string> = {}) => api.post(url, { data, headers });
  const ok = await post({ filterPattern: '{ $.type = "TaskFailed" }', lines: [throttle] });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { matches: Array<{ lineNumber: number }> }).matches).toEqual([
    expect.objectContaining({ lineNumber: 1 }),
  ]);
  const tooMany = await post({ filterPattern: '', lines: Array(51).fill('x') });
  expect(tooMany.status()).toBe(400);
  expect(await tooMany.text()).toContain('at most 50 log lines');
  const longPattern = await post({ filterPattern: `"${'x'.repeat(1100)}"`, lines: ['x'] });
  expect(longPattern.status()).toBe(400);
  expect(await longPattern.text()).toContain('at most 1024 bytes');
  const crossSite = await post(
    { filterPattern: '', lines: ['x'] },
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  );
  expect(crossSite.status()).toBe(403);
});
