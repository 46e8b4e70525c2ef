import type { Page } from '@playwright/test';
import { dashboardUrl } from './env';
import { keepScreenshot } from './screenshots';
import { expect, itemOf, readyForPromotion, test, waitForPreflight, type PromotionBody } from './tapstack';

/**
 * The promotion gate end to end on localaws: an operator asks, an approver decides, CloudFormation updates the
 * stack's Mode, the workflow then changes the target account, and every step lands in the audit log. Each test
 * deploys a TapStack of its own (tapstack.ts), so a failure in one story leaves the others alone.
 */

const switchOf = (page: Page) => page.getByRole('switch', { name: /live/i });
const itemOn = (page: Page, id: string) => page.locator(`[data-testid="preflight-item"][data-item="${id}"]`);
const promotionStatus = (page: Page) => page.getByTestId('promotion-status');
const PROMOTION_URL = /\/promotions\/([0-9a-f-]{36})$/;

/** The request page's id, once the switch's confirm has navigated there. */
async function requestIdOf(page: Page): Promise<string> {
  await page.waitForURL(PROMOTION_URL, { timeout: 60_000 });
  return PROMOTION_URL.exec(page.url())![1]!;
}

test('an operator requests, an approver promotes, the workflow goes live, the audit log has every step, and demote returns it', async ({
  page,
  signedInAs,
  deployTapStack,
  tapstacks,
  localaws,
}) => {
  test.setTimeout(240_000);
  const stack = await deployTapStack();

  // Preflight: the operator starts dry runs from the page until every item passes.
  const operator = await signedInAs('operator');
  await operator.goto(`/stacks/${stack.name}`);
  await expect(operator.getByTestId('stack-mode')).toHaveAttribute('data-mode', 'dry-run');
  await expect(switchOf(operator)).toBeDisabled();
  const items = operator.getByTestId('preflight-item');
  const failing = items.and(operator.locator('[data-ok="false"]'));
  const recentDryRuns = itemOn(operator, 'recent-dry-runs');
  for (let run = 1; (await failing.count()) > 0; run++) {
    expect(run, 'dry runs started before the preflight passed').toBeLessThanOrEqual(4);
    const before = (await recentDryRuns.textContent()) ?? '';
    await operator.getByRole('button', { name: 'Start dry run' }).click();
    await expect(operator.getByRole('status').filter({ hasText: /^Started tapdeck-operator-/ })).toBeVisible();
    // The checklist re-checks every 5 s: wait until it has seen this run.
    await expect(recentDryRuns).not.toHaveText(before, { timeout: 20_000 });
  }
  await expect(items).toHaveCount(8);
  await expect(failing).toHaveCount(0);
  await expect(switchOf(operator)).toBeEnabled();
  await keepScreenshot(operator, 'preflight-green');

  // Request: the switch asks for a promotion; the request page shows the change set, and no Approve for the operator.
  await switchOf(operator).click();
  await operator.getByLabel(/Comment/).fill('e2e: promote after two clean dry runs');
  await operator.getByRole('button', { name: 'Request promotion' }).click();
  const id = await requestIdOf(operator);
  await expect(promotionStatus(operator)).toHaveAttribute('data-status', 'awaiting-approval');
  await expect(operator.getByTestId('change-row').first()).toBeVisible();
  await expect(operator.getByTestId('change-row').filter({ hasText: 'AWS::StepFunctions::StateMachine' })).toHaveCount(1);
  await expect(operator.getByTestId('waiting-note')).toContainText('you cannot approve your own request');
  await expect(operator.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await keepScreenshot(operator, 'request-awaiting');

  // A forged approve with the operator's own session, from the dashboard's origin: refused, nothing executed.
  await localaws.resetRequestCounts();
  const forged = await operator.request.post(`/api/promotions/${id}/approve`, {
    headers: { Origin: dashboardUrl, 'Sec-Fetch-Site': 'same-origin' },
    data: { comment: 'approving my own request' },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ error: 'Forbidden' });
  expect((await localaws.requestCounts())['cloudformation:ExecuteChangeSet'] ?? 0).toBe(0);
  const afterForgery = (await (await operator.request.get(`/api/promotions/${id}`)).json()) as PromotionBody;
  expect(afterForgery.status).toBe('awaiting-approval');
  expect((await tapstacks.describe(stack.name)).status).toBe('CREATE_COMPLETE');

  // The approver, in a session of their own, approves: CloudFormation runs the Mode-only update.
  const approver = await signedInAs('approver');
  await approver.goto(`/stacks/${stack.name}/promotions/${id}`);
  await approver.getByLabel(/Comment/).fill('e2e: the change set flips only Mode');
  await approver.getByRole('button', { name: 'Approve' }).click();
  await tapstacks.waitForSettled(stack.name, 'UPDATE_COMPLETE', 'apply');
  await expect(promotionStatus(approver)).toHaveAttribute('data-status', 'promoted', { timeout: 60_000 });
  await expect(approver.getByTestId('promotion-outcome')).toContainText('runs in apply mode');
  await keepScreenshot(approver, 'request-promoted');

  // Live: an execution with no input now changes the target account.
  const live = await tapstacks.execute(stack.stateMachineArn, '{}');
  expect(live.status).toBe('SUCCEEDED');
  expect(JSON.parse(live.output)).toMatchObject({ mode: 'apply', dryRun: false });
  expect(await tapstacks.bucketVersioning(stack.bucket)).toBe('Enabled');
  expect(await tapstacks.tablePitr(stack.table)).toBe('ENABLED');

  // The audit log (as the default viewer) has every step, and its chain verifies.
  await page.goto(`/audit?stack=${stack.name}`);
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'true');
  const actions = async () =>
    page.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
  await expect
    .poll(actions)
    .toEqual(
      expect.arrayContaining([
        'execution.dry-run-started',
        'promotion.requested',
        'promotion.change-set-ready',
        'promotion.approved',
        'promotion.executed',
        'promotion.promoted',
      ]),
    );
  await keepScreenshot(page, 'audit');

  // Demote: back to dry-run at once, no approval, recorded.
  await operator.goto(`/stacks/${stack.name}`);
  await expect(operator.getByTestId('stack-mode')).toHaveAttribute('data-mode', 'apply');
  await operator.getByRole('button', { name: 'Return to dry-run' }).click();
  await operator.getByLabel(/Comment/).fill('e2e: done with live');
  await operator.getByRole('button', { name: 'Demote to dry-run' }).click();
  await expect(operator.getByRole('status').filter({ hasText: 'to dry-run' })).toBeVisible();
  await tapstacks.waitForSettled(stack.name, 'UPDATE_COMPLETE', 'dry-run');
  await operator.reload();
  await expect(operator.getByTestId('stack-mode')).toHaveAttribute('data-mode', 'dry-run');
  await expect(operator.getByTestId('stack-status')).toHaveText('UPDATE_COMPLETE');
  await keepScreenshot(operator, 'demoted');
  await page.goto(`/audit?stack=${stack.name}&action=stack.demoted`);
  await expect(page.getByTestId('audit-row')).toHaveCount(1);
  await expect(page.getByTestId('audit-row')).toContainText('e2e: done with live');
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'true');
});

test.describe('a failed precondition keeps the switch off and says why', () => {
  test('an alarm in ALARM', async ({ signedInAs, deployTapStack, tapstacks, apiAs }) => {
    const stack = await deployTapStack();
    const api = await apiAs('operator');
    await readyForPromotion(tapstacks, api, stack);

    const alarm = stack.alarms.errors;
    const reason = 'e2e: Errors forced to ALARM';
    const hold = tapstacks.holdAlarm(alarm, reason);
    const operator = await signedInAs('operator');
    try {
      await waitForPreflight(api, stack.name, (preflight) => !itemOf(preflight, 'no-alarms').ok);
      await operator.goto(`/stacks/${stack.name}`);
      const noAlarms = itemOn(operator, 'no-alarms');
      await expect(noAlarms).toHaveAttribute('data-ok', 'false');
      await expect(noAlarms).toContainText(`${alarm} in ALARM`);
      await expect(noAlarms).toContainText(reason);
      await expect(operator.getByTestId('preflight-item').and(operator.locator('[data-ok="false"]'))).toHaveCount(1);
      await expect(switchOf(operator)).toBeDisabled();
      await expect(operator.getByTestId('toggle-missing')).toContainText(`no alarm firing (${alarm} in ALARM`);
      await keepScreenshot(operator, 'preflight-alarm');

      // The API refuses the same request the disabled switch would have sent.
      const refused = await api.post(`/api/stacks/${stack.name}/promotions`, { data: {} });
      expect(refused.status()).toBe(409);
      expect(await refused.json()).toMatchObject({ error: 'PreflightFailed' });
    } finally {
      await hold.release();
    }
    // The alarm was the only reason: back to OK, the switch turns on again.
    await expect(itemOn(operator, 'no-alarms')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(switchOf(operator)).toBeEnabled();
  });

  test('a TargetAccountId that is not the role’s account', async ({ signedInAs, deployTapStack, tapstacks, apiAs, localaws }) => {
    // TapStackTarget lives in 111111111111; this stack says the target is 222222222222.
    const stack = await deployTapStack({ TargetAccountId: '222222222222' });
    const api = await apiAs('operator');
    await tapstacks.startDryRuns(api, stack.name, 1);
    await waitForPreflight(api, stack.name, (preflight) => /222222222222/.test(itemOf(preflight, 'role-aligned').evidence));

    const operator = await signedInAs('operator');
    await operator.goto(`/stacks/${stack.name}`);
    const roleAligned = itemOn(operator, 'role-aligned');
    await expect(roleAligned).toHaveAttribute('data-ok', 'false');
    await expect(roleAligned).toContainText('arn:aws:iam::222222222222:role/TapStackTarget');
    await expect(itemOn(operator, 'target-account')).toHaveAttribute('data-ok', 'true');
    await expect(switchOf(operator)).toBeDisabled();
    await expect(operator.getByTestId('toggle-missing')).toContainText('role aligned with the target account');
    await keepScreenshot(operator, 'preflight-misaligned');

    await localaws.resetRequestCounts();
    const refused = await api.post(`/api/stacks/${stack.name}/promotions`, { data: {} });
    expect(refused.status()).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'PreflightFailed' });
    expect((await localaws.requestCounts())['cloudformation:CreateChangeSet'] ?? 0).toBe(0);
  });
});

test('an alarm that fires in the monitoring window rolls the promotion back, and the request names it', async ({
  signedInAs,
  deployTapStack,
  tapstacks,
  apiAs,
}) => {
  const stack = await deployTapStack();
  const api = await apiAs('operator');
  await readyForPromotion(tapstacks, api, stack);
  const requested = await api.post(`/api/stacks/${stack.name}/promotions`, { data: { comment: 'e2e: this one will roll back' } });
  expect(requested.status(), await requested.text()).toBe(201);
  const { id } = (await requested.json()) as PromotionBody;

  const approver = await signedInAs('approver');
  await approver.goto(`/stacks/${stack.name}/promotions/${id}`);
  const approved = approver.waitForResponse((res) => res.url().endsWith(`/api/promotions/${id}/approve`));
  await approver.getByRole('button', { name: 'Approve' }).click();
  expect((await approved).status()).toBe(200);

  // Right after the approval the update runs, then CloudFormation watches the alarms for a (scaled) minute.
  const hold = tapstacks.holdAlarm(stack.alarms.errors, 'e2e: errors right after the promotion');
  try {
    await tapstacks.waitForSettled(stack.name, 'UPDATE_ROLLBACK_COMPLETE', 'dry-run');
  } finally {
    await hold.release();
  }
  await expect(promotionStatus(approver)).toHaveAttribute('data-status', 'rolled-back', { timeout: 60_000 });
  const outcome = approver.getByTestId('promotion-outcome');
  await expect(outcome).toContainText('Rolled back');
  await expect(outcome).toContainText(stack.alarms.errors);
  await keepScreenshot(approver, 'request-rolled-back');
  const body = (await (await api.get(`/api/promotions/${id}`)).json()) as PromotionBody;
  expect(body.status).toBe('rolled-back');
  expect(body.outcome).toContain(`alarm ${stack.alarms.errors} went to ALARM`);
});

test('CloudFormation refusing the request or the execution leaves it retryable, and the retry works', async ({
  signedInAs,
  deployTapStack,
  tapstacks,
  apiAs,
  localaws,
}) => {
  test.setTimeout(240_000);
  const stack = await deployTapStack();
  const api = await apiAs('operator');
  await readyForPromotion(tapstacks, api, stack);

  // CreateChangeSet throttled: the request fails (recorded), and a new one goes through once AWS recovers.
  const operator = await signedInAs('operator');
  await operator.goto(`/stacks/${stack.name}`);
  await switchOf(operator).click();
  const throttled = await tapstacks.addFault({ service: 'cloudformation', operation: 'CreateChangeSet', throttleRate: 1 });
  try {
    await operator.getByRole('button', { name: 'Request promotion' }).click();
    await expect(operator.getByTestId('api-error')).toContainText('CreateChangeSet');
    await expect(operator.getByTestId('api-error')).toContainText('Throttling');
  } finally {
    await tapstacks.clearFault(throttled);
  }
  const [failed] = (await (await api.get(`/api/stacks/${stack.name}/promotions`)).json()) as PromotionBody[];
  expect(failed).toMatchObject({ status: 'failed' });
  expect(failed!.lastError).toContain('Throttling');
  await operator.getByRole('button', { name: 'Request promotion' }).click();
  const id = await requestIdOf(operator);
  expect(id).not.toBe(failed!.id);
  await expect(promotionStatus(operator)).toHaveAttribute('data-status', 'awaiting-approval');

  // ExecuteChangeSet answered 500: the request stays approved with "Retry execution", and nothing changed.
  const approver = await signedInAs('approver');
  await approver.goto(`/stacks/${stack.name}/promotions/${id}`);
  const broken = await tapstacks.addFault({ service: 'cloudformation', operation: 'ExecuteChangeSet', errorRate: 1 });
  await localaws.resetRequestCounts();
  try {
    await approver.getByRole('button', { name: 'Approve' }).click();
    await expect(approver.getByTestId('api-error')).toContainText('ExecuteChangeSet');
    await expect(promotionStatus(approver)).toHaveAttribute('data-status', 'approved', { timeout: 20_000 });
    await expect(approver.getByRole('button', { name: 'Retry execution' })).toBeVisible();
    expect((await localaws.requestCounts())['cloudformation:ExecuteChangeSet']).toBeGreaterThan(0);
    expect(await tapstacks.describe(stack.name)).toMatchObject({ status: 'CREATE_COMPLETE', parameters: { Mode: 'dry-run' } });
    await keepScreenshot(approver, 'request-retry');
  } finally {
    await tapstacks.clearFault(broken);
  }
  await approver.getByRole('button', { name: 'Retry execution' }).click();
  await tapstacks.waitForSettled(stack.name, 'UPDATE_COMPLETE', 'apply');
  await expect(promotionStatus(approver)).toHaveAttribute('data-status', 'promoted', { timeout: 60_000 });
});

test('fifty approve and execute clicks at once, from three approvers, execute the change set once and record it once', async ({
  deployTapStack,
  tapstacks,
  apiAs,
  localaws,
}) => {
  test.setTimeout(240_000);
  const stack = await deployTapStack();
  const operator = await apiAs('operator');
  await readyForPromotion(tapstacks, operator, stack);
  const created = await operator.post(`/api/stacks/${stack.name}/promotions`, { data: { comment: 'race' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as PromotionBody;

  const approvers = await Promise.all((['approver', 'approver2', 'admin'] as const).map((login) => apiAs(login)));
  await localaws.resetRequestCounts();
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      approvers[i % 3]!.post(`/api/promotions/${id}/${i % 2 ? 'execute' : 'approve'}`, { data: {} }),
    ),
  );
  const statuses = answers.map((answer) => answer.status());
  // Exactly one approval wins; the others find it approved or executing already and say so (409), or see it executing (200).
  expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
  expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);

  await tapstacks.waitForSettled(stack.name, 'UPDATE_COMPLETE', 'apply');
  expect((await localaws.requestCounts())['cloudformation:ExecuteChangeSet']).toBe(1);
  const audit = await approvers[2]!.get(`/audit?stack=${stack.name}&action=promotion.executed`);
  const executedRows = ((await audit.text()).match(/data-testid="audit-row"/g) ?? []).length;
  expect(executedRows).toBe(1);
});
