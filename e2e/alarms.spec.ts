import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { localawsUrl } from './env';
import { keepScreenshot } from './screenshots';
import { expect, TARGET_ACCOUNT, test } from './tapstack';

/**
 * On-call's alarms: throttles injected into the target account move the stack's Throttles alarm to ALARM while
 * the page is open; its chart marks the breaching period over the threshold; an operator acknowledges and mutes
 * it; a short mute runs out on the server's clock (the e2e server accepts 3 s mutes: TAPDECK_MUTE_MIN_SECONDS) and
 * is gone from the list, the Overview, the API and the Activity timeline; a viewer may not acknowledge; and an alarm that only shares the stack's
 * name prefix is not the stack's.
 */
test('an alarm raised by throttles is shown live, charted, acknowledged, muted, and its mute expires', async ({
  deployTapStack,
  tapstacks,
  signedInAs,
  apiAs,
}) => {
  test.setTimeout(240_000);
  const stack = await deployTapStack();
  const alarmName = stack.alarms.throttles;
  const unrelated = `${stack.name}-prod-db-errors`;
  const cloudwatch = new CloudWatchClient({
    endpoint: localawsUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: unrelated,
      Namespace: 'Other/App',
      MetricName: 'DbErrors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  );
  cloudwatch.destroy();

  const operator = await signedInAs('operator');
  await operator.setViewportSize({ width: 1280, height: 900 });
  await operator.goto(`/stacks/${stack.name}/alarms`);
  const row = operator.locator(`[data-testid="alarm"][data-alarm="${alarmName}"]`);
  await expect(row).toBeVisible();
  await expect(row).not.toHaveAttribute('data-state', 'ALARM');
  await expect(operator.getByTestId('alarm')).toHaveCount(4);
  await expect(operator.locator(`[data-alarm="${unrelated}"]`)).toHaveCount(0);

  // Throttle the target account's S3 calls for a few attempts; the workflow retries and logs each throttle.
  const fault = await tapstacks.addFault({ service: 's3', account: TARGET_ACCOUNT, throttleRate: 1, count: 3 });
  try {
    await tapstacks.execute(stack.stateMachineArn, JSON.stringify({ dryRun: true }));
  } finally {
    await tapstacks.clearFault(fault);
  }
  await expect(row).toHaveAttribute('data-state', 'ALARM', { timeout: 30_000 });
  await keepScreenshot(operator, 'alarms-list-1280');
  await operator.setViewportSize({ width: 390, height: 844 });
  await keepScreenshot(operator, 'alarms-list-390');
  await operator.setViewportSize({ width: 1280, height: 900 });

  // The detail page: the metric's breaching period over the threshold line.
  await row.getByRole('link', { name: alarmName }).click();
  await expect(operator.getByRole('heading', { name: alarmName })).toBeVisible();
  await expect(operator.getByTestId('threshold')).toBeVisible();
  expect(await operator.locator('[data-testid="metric-point"][data-breaching="true"]').count()).toBeGreaterThanOrEqual(1);
  for (const value of await operator
    .locator('[data-breaching="true"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))) {
    expect(Number(value)).toBeGreaterThanOrEqual(1); // ThrottleThreshold's default
  }
  await expect(operator.getByTestId('history-item').first()).toBeVisible();
  await operator.getByRole('link', { name: 'To ALARM' }).click();
  await expect(operator).toHaveURL(/history=alarm/);
  await expect(operator.getByTestId('history-item')).not.toHaveCount(0);
  await expect(operator.locator('[data-testid="history-item"]:not([data-type="StateUpdate"])')).toHaveCount(0);

  // Acknowledge with a note, then mute for an hour, then unmute.
  await operator.getByRole('button', { name: 'Acknowledge' }).click();
  await operator.getByLabel('Note for the others on call').fill('throttling in the target account, watching');
  await operator.getByRole('button', { name: 'Acknowledge alarm' }).click();
  const status = operator.getByTestId('alarm-status');
  await expect(status.getByTestId('acknowledged')).toContainText('Acknowledged by operator');
  await expect(status.getByTestId('acknowledged')).toContainText('throttling in the target account, watching');
  await operator.getByRole('button', { name: 'Mute…' }).click();
  await operator.getByLabel('Reason').fill('load test in the target account');
  await operator.getByLabel('4 h', { exact: true }).check();
  await operator.getByRole('button', { name: 'Mute alarm' }).click();
  await expect(status.getByTestId('muted')).toContainText('Muted until');
  await keepScreenshot(operator, 'alarm-detail-1280');
  await operator.setViewportSize({ width: 390, height: 844 });
  await keepScreenshot(operator, 'alarm-detail-390');
  await operator.setViewportSize({ width: 1280, height: 900 });
  await operator.getByRole('button', { name: 'Unmute' }).click();
  await expect(status.getByTestId('muted')).toHaveCount(0);

  // A short mute (this server's minimum is 3 s; the API refuses less) that runs out while the list is open. Nothing
  // moves a clock: the server decides, and the API, the Overview and the Activity timeline say so after its end.
  const api = await apiAs('operator');
  const base = `/api/stacks/${stack.name}/alarms/${encodeURIComponent(alarmName)}`;
  const tooShort = await api.post(`${base}/mute`, {
    data: { reason: 'x', expiresAt: new Date(Date.now() + 1_000).toISOString() },
  });
  expect(tooShort.status()).toBe(400);
  expect(await tooShort.json()).toMatchObject({ error: 'InvalidExpiry' });
  const mute = await api.post(`${base}/mute`, {
    data: { reason: 'ten seconds', expiresAt: new Date(Date.now() + 10_000).toISOString() },
  });
  expect(mute.status(), await mute.text()).toBe(201);
  const readMarks = async () => (await (await api.get(base)).json()) as { marks: Record<string, unknown> };
  expect((await readMarks()).marks).toHaveProperty('muted');
  await operator.goto(`/stacks/${stack.name}/alarms`);
  await expect(row).toHaveAttribute('data-muted', 'true');
  await expect(row.getByTestId('acknowledged')).toBeVisible();
  await expect(row.getByTestId('mute-expired')).toBeVisible({ timeout: 20_000 });
  await expect(row).not.toHaveAttribute('data-muted', 'true');
  const after = await readMarks();
  expect(after.marks).not.toHaveProperty('muted');
  expect(after.marks).toHaveProperty('muteExpired');

  // The Overview's card shows the same marks, rendered by the server after the mute's end.
  await operator.goto(`/stacks/${stack.name}`);
  const card = operator.locator(`[data-testid="alarm"][data-alarm="${alarmName}"]`);
  await expect(card.getByTestId('acknowledged')).toBeVisible();
  await expect(card.getByTestId('muted')).toHaveCount(0);
  await expect(card).not.toHaveAttribute('data-muted', 'true');
  // The Activity timeline says when the mute ran out.
  await operator.goto(`/stacks/${stack.name}/activity`);
  await expect(operator.getByTestId('activity-item').filter({ hasText: `${alarmName} mute ran out` })).toBeVisible();

  // A viewer reads the alarm but may not acknowledge it.
  const viewer = await apiAs('viewer');
  const refused = await viewer.post(`${base}/acknowledge`, { data: { note: 'me too' } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: 'Forbidden' });
  const viewerPage = await signedInAs('viewer');
  await viewerPage.goto(`/stacks/${stack.name}/alarms/${encodeURIComponent(alarmName)}`);
  await expect(viewerPage.getByTestId('alarm-status')).toContainText('Operators can acknowledge and mute alarms');
  await expect(viewerPage.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

  // Someone else's alarm under the stack's name prefix: not the stack's, so not acknowledgeable here either.
  const other = await api.post(`/api/stacks/${stack.name}/alarms/${encodeURIComponent(unrelated)}/acknowledge`, {
    data: { note: 'x' },
  });
  expect(other.status()).toBe(404);
});
