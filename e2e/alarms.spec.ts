import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { localawsUrl } from './env';
import { keepScreenshot } from './screenshots';
import { expect, TARGET_ACCOUNT, test } from './tapstack';

/**
 * On-call's alarms: throttles injected into the target account move the stack's Throttles alarm to ALARM while
 * the page is open; its chart marks the breaching period over the threshold; an operator acknowledges and mutes
 * it; a minimum-length mute runs out; a viewer may not acknowledge; and an alarm that only shares the stack's
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
  // The browser's clock is Playwright's, so the mute's end can be reached without waiting a real minute.
  await operator.clock.install();
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

  // A mute of the minimum length (the API refuses less), seen on the list, then past its end.
  const api = await apiAs('operator');
  const base = `/api/stacks/${stack.name}/alarms/${encodeURIComponent(alarmName)}`;
  const tooShort = await api.post(`${base}/mute`, {
    data: { reason: 'x', expiresAt: new Date(Date.now() + 20_000).toISOString() },
  });
  expect(tooShort.status()).toBe(400);
  const mute = await api.post(`${base}/mute`, {
    data: { reason: 'one minute', expiresAt: new Date(Date.now() + 61_000).toISOString() },
  });
  expect(mute.status(), await mute.text()).toBe(201);
  await operator.goto(`/stacks/${stack.name}/alarms`);
  await expect(row).toHaveAttribute('data-muted', 'true');
  await expect(row.getByTestId('acknowledged')).toBeVisible();
  await operator.clock.fastForward(65_000);
  await expect(row.getByTestId('mute-expired')).toBeVisible();
  await expect(row).not.toHaveAttribute('data-muted', 'true');

  // The Overview's card shows the same marks.
  await operator.goto(`/stacks/${stack.name}`);
  await expect(operator.locator(`[data-testid="alarm"][data-alarm="${alarmName}"] [data-testid="acknowledged"]`)).toBeVisible();

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
