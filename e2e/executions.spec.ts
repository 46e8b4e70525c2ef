import type { Page } from '@playwright/test';
import { keepScreenshot } from './screenshots';
import { expect, test } from './tapstack';

/**
 * Executions and the activity timeline on localaws: an operator starts a dry run from the Executions section
 * and lands on its page (graph coloured by outcome, plan); a viewer cannot start one; the Activity page joins
 * the stack's events, executions and alarm changes and filters them by kind. Each test deploys its own TapStack.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function shoot(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await keepScreenshot(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await keepScreenshot(page, `${name}-390`);
  await page.setViewportSize(DESKTOP);
}

const state = (page: Page, name: string) => page.locator(`[data-testid="graph-state"][data-state="${name}"]`);

test('an operator starts a dry run from the Executions section and sees its graph coloured by outcome and its plan', async ({
  signedInAs,
  deployTapStack,
}) => {
  const stack = await deployTapStack();
  const operator = await signedInAs('operator');

  // The overview's card loads instead of claiming there is no workflow, then lists nothing yet.
  await operator.goto(`/stacks/${stack.name}`);
  const card = operator.locator('section').filter({ has: operator.getByRole('heading', { name: 'Workflow executions' }) });
  await expect(card).not.toContainText('no StateMachineArn output');
  await expect(card).toContainText('No executions yet');

  await operator.goto(`/stacks/${stack.name}/executions`);
  await expect(operator.getByRole('heading', { name: 'Executions', exact: true })).toBeVisible();
  await expect(operator.getByText('No executions yet')).toBeVisible();
  await operator.getByRole('button', { name: 'Start dry run' }).click();

  await operator.waitForURL(new RegExp(`/stacks/${stack.name}/executions/tapdeck-operator-[\\w-]+$`), { timeout: 30_000 });
  const name = decodeURIComponent(operator.url().split('/').pop()!);
  await expect(operator.getByRole('heading', { name })).toBeVisible();
  await expect(operator.getByTestId('execution-status')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 30_000 });
  await expect(operator.getByTestId('dry-run-badge').first()).toHaveText('dry-run');

  // The graph: the path taken succeeded, the failure branches were not reached.
  await expect(operator.getByTestId('execution-graph')).toBeVisible();
  for (const taken of ['Init', 'DecideDryRun', 'UseDryRun', 'VerifyAlignment', 'CheckAlignment', 'RunChecks', 'Plan'])
    await expect(state(operator, taken)).toHaveAttribute('data-outcome', 'succeeded');
  for (const skipped of ['UseApply', 'ParametersMisaligned', 'WorkflowFailed', 'EnableBucket', 'EnableTable'])
    await expect(state(operator, skipped)).toHaveAttribute('data-outcome', 'not-reached');
  await expect(state(operator, 'BucketWouldEnable')).toHaveAttribute('data-outcome', 'succeeded');
  await expect(operator.getByRole('list', { name: 'Legend' })).toContainText('Failed, caught');

  // The plan: this stack's own bucket and table are not compliant, so the dry run would enable both.
  const plan = operator.getByTestId('execution-plan');
  await expect(plan).toContainText('would enable');
  // (the test's bucket and table share one name)
  const planRow = (kind: string, resource: string) =>
    plan
      .getByRole('row')
      .filter({ hasText: resource })
      .filter({ has: operator.getByRole('cell', { name: kind, exact: true }) });
  await expect(planRow('Bucket', stack.bucket)).toContainText('would-enable-versioning');
  await expect(planRow('Table', stack.table)).toContainText('would-enable-pitr');
  await expect(operator.getByLabel('input')).toContainText('"dryRun": true');
  await expect(operator.getByTestId('history-event').first()).toContainText('ExecutionStarted');
  // The history is virtualised past 60 events: only the rows in view exist until it is scrolled.
  const history = operator.getByRole('table', { name: 'Execution history' });
  const total = Number(await history.getAttribute('aria-rowcount'));
  expect(total).toBeGreaterThan(60);
  expect(await operator.getByTestId('history-event').count()).toBeLessThan(total);
  await history.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(operator.getByTestId('history-event').last()).toContainText('ExecutionSucceeded');
  await history.evaluate((el) => el.scrollTo(0, 0));
  await shoot(operator, 'execution-detail');

  // The list has it, with its badge, linking back to the page.
  await operator.goto(`/stacks/${stack.name}/executions`);
  const row = operator.getByTestId('execution-row').filter({ hasText: name });
  await expect(row).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(row.getByTestId('dry-run-badge')).toHaveText('dry-run');
  await shoot(operator, 'executions-list');
  await row.getByRole('link').click();
  await expect(operator).toHaveURL(new RegExp(`/executions/${name}$`));

  // The overview card links there too.
  await operator.goto(`/stacks/${stack.name}`);
  await expect(operator.getByRole('link', { name })).toHaveAttribute('href', `/stacks/${stack.name}/executions/${name}`);
});

test('a viewer sees executions but cannot start one; unknown executions, alarms, requests and stacks are 404', async ({
  page,
  deployTapStack,
  apiAs,
  tapstacks,
}) => {
  const stack = await deployTapStack();
  const operatorApi = await apiAs('operator');
  const [arn] = await tapstacks.startDryRuns(operatorApi, stack.name, 1);
  const name = arn!.split(':').pop()!;

  await page.goto(`/stacks/${stack.name}/executions`); // the default session is the viewer's
  await expect(page.getByTestId('execution-row').filter({ hasText: name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start dry run' })).toHaveCount(0);

  const viewerApi = await apiAs('viewer');
  const refused = await viewerApi.post(`/api/stacks/${stack.name}/dry-runs`, { data: {} });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: 'Forbidden' });

  // Not-found pages answer 404: each existence check runs in a layout above the page's loading state.
  for (const bad of ['no-such-run', 'bad%20name', 'a%3Ab']) {
    const res = await page.goto(`/stacks/${stack.name}/executions/${bad}`);
    expect(res?.status(), bad).toBe(404);
    await expect(page.getByRole('heading', { name: 'No such execution' }), bad).toBeVisible();
  }
  const missingAlarm = await page.goto(`/stacks/${stack.name}/alarms/NoSuchAlarm`);
  expect(missingAlarm?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'No such alarm' })).toBeVisible();
  expect((await page.goto(`/stacks/${stack.name}/promotions/no-such-request`))?.status()).toBe(404);
  // A stack that does not exist: 404 on every section, each showing the page that waits for it.
  for (const section of ['', '/events', '/executions', '/alarms', '/change-sets', '/executions/run-1']) {
    const res = await page.goto(`/stacks/NoSuchStack-x${section}`);
    expect(res?.status(), section).toBe(404);
    await expect(page.getByText('No stack named'), section).toBeVisible();
  }
  // What exists still answers 200.
  expect((await page.goto(`/stacks/${stack.name}/alarms/${encodeURIComponent(stack.alarms.errors)}`))?.status()).toBe(200);
  await page.goto(`/stacks/${stack.name}/executions/${name}`);
  await expect(page.getByTestId('execution-status')).toHaveAttribute('data-status', 'SUCCEEDED');
});

test('the activity page joins stack events, executions and alarm changes, and filters by kind', async ({
  page,
  deployTapStack,
  apiAs,
  tapstacks,
}) => {
  const stack = await deployTapStack();
  const [arn] = await tapstacks.startDryRuns(await apiAs('operator'), stack.name, 1);
  const name = arn!.split(':').pop()!;
  await tapstacks.setAlarmState(stack.alarms.errors, 'ALARM', 'e2e: one error');

  await page.goto(`/stacks/${stack.name}/activity`);
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  const items = page.getByTestId('activity-item');
  await expect(items.and(page.locator('[data-kind="stack-event"]')).first()).toBeVisible();
  await expect(items.filter({ hasText: `Dry run ${name} started` })).toContainText('by operator');
  await expect(items.filter({ hasText: `Dry run ${name} succeeded` })).toBeVisible();
  await expect(items.filter({ hasText: `${stack.alarms.errors}: OK → ALARM` })).toBeVisible();
  await shoot(page, 'activity');

  await page.getByRole('navigation', { name: 'Filter by kind' }).getByRole('link', { name: 'Executions', exact: true }).click();
  await expect(page).toHaveURL(/\?kind=execution$/);
  await expect(items.first()).toBeVisible();
  const kinds = await items.evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-kind')))]);
  expect(kinds).toEqual(['execution']);
  await items
    .filter({ hasText: `Dry run ${name} succeeded` })
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(new RegExp(`/stacks/${stack.name}/executions/${name}$`));

  await page.goto(`/stacks/${stack.name}/activity?kind=bogus,alarm`);
  await expect(page.getByText('Ignored unknown kind: bogus')).toBeVisible();
  const alarmKinds = await items.evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-kind')))]);
  expect(alarmKinds).toEqual(['alarm']);

  // A stack event's entry opens the Events section at that event: its operation open, the row scrolled to (it is
  // far down the virtualised list, not drawn until then) and highlighted.
  await page.goto(`/stacks/${stack.name}/activity?kind=stack-event`);
  const entry = items.last();
  const href = (await entry.getByRole('link').first().getAttribute('href')) ?? '';
  const eventId = decodeURIComponent(href.split('#event-')[1] ?? '');
  expect(eventId).not.toBe('');
  await entry.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/events#event-/);
  const row = page.locator(`[id="event-${eventId}"]`);
  await expect(row).toBeInViewport();
  await expect(row).toHaveAttribute('data-highlighted', 'true');
  await expect(page.locator('[data-highlighted="true"]')).toHaveCount(1);
  await keepScreenshot(page, 'events-linked-1280');
});
