import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import type { Page } from '@playwright/test';
import { keepScreenshot } from './screenshots';
import { expect, test } from './tapstack';

const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
const WIDTHS = [1280, 390] as const;

async function atWidth(page: Page, width: number) {
  await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
}

/** Opens a section through its tab, as a user would, and checks the tab says it is the current one. */
async function openTab(page: Page, label: string) {
  const nav = page.getByRole('navigation', { name: 'Stack sections' });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await expect(nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
}

const previousParameters = (keys: string[], changes: Record<string, string> = {}) =>
  keys.map((ParameterKey) =>
    ParameterKey in changes ? { ParameterKey, ParameterValue: changes[ParameterKey] } : { ParameterKey, UsePreviousValue: true },
  );

async function waitForSettled(cfn: CloudFormationClient, name: string, timeoutMs: number): Promise<string> {
  let status = '';
  await expect
    .poll(
      async () => {
        status = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus ?? '';
        return status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
      },
      { timeout: timeoutMs, intervals: [250, 500] },
    )
    .toBe(false);
  return status;
}

test('every section of a deployed TapStack renders, at desktop and phone width', async ({
  page,
  deployTapStack,
  tapstacks,
  localaws,
}) => {
  const stack = await deployTapStack();
  // Something to review in Change sets: the promotion's Mode-only change.
  const { parameters } = await tapstacks.describe(stack.name);
  await localaws.cloudformation.send(
    new CreateChangeSetCommand({
      StackName: stack.name,
      ChangeSetName: 'e2e-review',
      ChangeSetType: 'UPDATE',
      UsePreviousTemplate: true,
      Capabilities: [...CAPABILITIES],
      Parameters: previousParameters(Object.keys(parameters), { Mode: 'apply' }),
      Description: 'e2e: Mode dry-run → apply',
    }),
  );
  await expect
    .poll(async () => {
      const out = await localaws.cloudformation.send(
        new DescribeChangeSetCommand({ StackName: stack.name, ChangeSetName: 'e2e-review' }),
      );
      return out.Status;
    })
    .toBe('CREATE_COMPLETE');

  for (const width of WIDTHS) {
    await atWidth(page, width);
    await page.goto(`/stacks/${stack.name}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(stack.name);
    await expect(page.getByRole('link', { name: 'Overview', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('stack-status')).toContainText('CREATE_COMPLETE');
    await expect(page.getByTestId('stack-event')).toHaveCount(5);
    await keepScreenshot(page, `sections-overview-${width}`);

    await page.getByRole('link', { name: 'All events, by operation →' }).click();
    await expect(page).toHaveURL(new RegExp(`/stacks/${stack.name}/events$`));
    const operation = page.getByTestId('operation');
    await expect(operation).toHaveCount(1);
    await expect(operation).toHaveAttribute('data-outcome', 'succeeded');
    await expect(operation).toContainText('Create');
    await expect(page.getByTestId('stack-event').first()).toBeVisible();
    await keepScreenshot(page, `sections-events-${width}`);

    await openTab(page, 'Timeline');
    await expect(page.getByTestId('timeline-bar').first()).toBeVisible();
    expect(await page.getByTestId('timeline-bar').count()).toBeGreaterThan(10);
    await expect(page.locator('[data-testid=timeline-bar][data-outcome=failure]')).toHaveCount(0);
    await keepScreenshot(page, `sections-timeline-${width}`);

    await openTab(page, 'Resources');
    const resources = page.getByTestId('stack-resource');
    await expect(resources.first()).toBeVisible();
    expect(await resources.count()).toBeGreaterThan(10);
    await page.getByRole('searchbox').fill('AWS::CloudWatch::Alarm');
    await expect(resources).toHaveCount(4);
    await page.getByRole('searchbox').fill('');
    await keepScreenshot(page, `sections-resources-${width}`);

    await openTab(page, 'Parameters');
    await expect(page.getByTestId('stack-parameter').filter({ hasText: 'Mode' })).toContainText('dry-run');
    await expect(page.getByTestId('stack-output').filter({ hasText: 'StateMachineArn' })).toContainText(stack.stateMachineArn);
    await keepScreenshot(page, `sections-parameters-${width}`);

    await openTab(page, 'Change sets');
    const changeSet = page.getByTestId('change-set');
    await expect(changeSet).toHaveAttribute('data-name', 'e2e-review');
    await expect(changeSet).toContainText('Mode dry-run → apply');
    await keepScreenshot(page, `sections-change-sets-${width}`);
  }
});

test('a failed rollout: events grouped by operation, live, with the failures and resource filters in the URL', async ({
  page,
  deployTapStack,
  tapstacks,
  localaws,
}) => {
  const stack = await deployTapStack();
  await page.goto(`/stacks/${stack.name}/events`);
  await expect(page.getByTestId('operation')).toHaveCount(1);

  // An update that fails like the seed: a KMS key with a JSON tag value.
  const template = JSON.parse(await tapstacks.templateBody()) as { Resources: Record<string, unknown> };
  template.Resources.BrokenKey = {
    Type: 'AWS::KMS::Key',
    Properties: { Description: 'e2e: fails like the seed', Tags: [{ Key: 'Config', Value: '{"mode":"dry-run"}' }] },
  };
  const { parameters } = await tapstacks.describe(stack.name);
  await localaws.cloudformation.send(
    new UpdateStackCommand({
      StackName: stack.name,
      TemplateBody: JSON.stringify(template),
      Capabilities: [...CAPABILITIES],
      Parameters: previousParameters(Object.keys(parameters)),
    }),
  );
  expect(await waitForSettled(localaws.cloudformation, stack.name, 90_000)).toBe('UPDATE_ROLLBACK_COMPLETE');

  // The page was open all along: the update arrives through the stream, newest first and open.
  const operations = page.getByTestId('operation');
  await expect(operations).toHaveCount(2);
  await expect(operations.first()).toHaveAttribute('data-outcome', 'rolled-back');
  await expect(operations.first()).toHaveAttribute('aria-expanded', 'true');
  await expect(operations.nth(1)).toHaveAttribute('aria-expanded', 'false');
  await expect(
    page.locator('[data-testid=stack-event][data-status=CREATE_FAILED]').filter({ hasText: 'BrokenKey' }),
  ).toBeVisible();

  await page.getByRole('checkbox', { name: 'Failures only' }).check();
  await expect(page).toHaveURL(/[?&]failures=1/);
  await expect(operations).toHaveCount(1);
  for (const status of await page
    .getByTestId('stack-event')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')))) {
    expect(status).toMatch(/FAILED|ROLLBACK/);
  }
  await page.getByRole('searchbox').fill('BrokenKey');
  await expect(page).toHaveURL(/resource=BrokenKey/);
  await expect(page.getByTestId('stack-event')).toHaveCount(1);
  await expect(page.getByTestId('stack-event')).toContainText('InvalidRequest');

  // The filters survive a reload: they live in the URL.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Failures only' })).toBeChecked();
  await expect(page.getByRole('searchbox')).toHaveValue('BrokenKey');
  await expect(page.getByTestId('stack-event')).toHaveCount(1);
  for (const width of WIDTHS) {
    await atWidth(page, width);
    await keepScreenshot(page, `sections-events-failures-${width}`);
  }

  // The timeline of the failed update highlights the key; the picker goes back to the create.
  await atWidth(page, 1280);
  await page.goto(`/stacks/${stack.name}/timeline`);
  const root = page.locator('[data-testid=timeline-bar][data-root-cause]');
  await expect(root).toHaveCount(1);
  await expect(root).toContainText('BrokenKey');
  await expect(root).toHaveAttribute('data-outcome', 'failure');
  for (const width of WIDTHS) {
    await atWidth(page, width);
    await keepScreenshot(page, `sections-timeline-failed-${width}`);
  }
  await page.getByRole('combobox', { name: 'Operation' }).selectOption({ index: 1 });
  await expect(page).toHaveURL(/[?&]op=/);
  await expect(page.locator('[data-testid=timeline-bar][data-root-cause]')).toHaveCount(0);
});

test('a stack with 10,000 events keeps at most 100 event rows in the page', async ({ page, localaws }) => {
  test.setTimeout(600_000);
  // 500 topics (CloudFormation's resource limit), then updates that swap them all for 500 others: each update
  // is 1,500 create events, 1,000 delete events and the stack's own. localaws keeps a stack's newest 10,000.
  const name = `Events10k-${Date.now().toString(36)}`;
  const topics = (prefix: string) =>
    JSON.stringify({
      Resources: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${prefix}${i}`, { Type: 'AWS::SNS::Topic' }])),
    });
  const cfn = localaws.cloudformation;
  try {
    await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: topics('First') }));
    expect(await waitForSettled(cfn, name, 120_000)).toBe('CREATE_COMPLETE');
    for (const prefix of ['A', 'B', 'C', 'D']) {
      await cfn.send(new UpdateStackCommand({ StackName: name, TemplateBody: topics(prefix) }));
      expect(await waitForSettled(cfn, name, 120_000)).toBe('UPDATE_COMPLETE');
    }

    await page.goto(`/stacks/${name}/events`, { timeout: 120_000 });
    await expect(page.getByRole('heading', { name: /^Events 10,000 in \d+ operations$/ })).toBeVisible({ timeout: 60_000 });
    const rows = page.getByTestId('stack-event');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeLessThanOrEqual(100);

    // Open every operation (about 10,000 rows in the list) and scroll to the end: still a window of rows. The
    // newest closes first so every summary is on screen; then they open from the oldest up, so none moves away.
    const headers = page.getByTestId('operation');
    await headers.first().click();
    await expect(page.locator('[data-testid=operation][aria-expanded=true]')).toHaveCount(0);
    const count = await headers.count();
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = count - 1; i >= 0; i -= 1) await headers.nth(i).click();
    await expect(page.locator('[data-testid=operation][aria-expanded=true]').first()).toBeVisible();
    const scroller = page.getByTestId('events-scroller');
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(rows.last()).toBeVisible();
    expect(await rows.count()).toBeLessThanOrEqual(100);
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeLessThanOrEqual(100);
    await keepScreenshot(page, 'sections-events-10k-1280');
  } finally {
    await localaws.deleteStack(name);
  }
});
