import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { assemblyDir } from '../infra/test/tapstack-assembly';
import { bin } from '../scripts/lib/local-env';
import { run } from '../scripts/lib/run';
import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';

test('a real `cdk deploy` of the TapStack shows CREATE_COMPLETE live, without a reload', async ({ page, localaws }) => {
  // The real CLI on the run's cloud assembly (synthesized once, e2e/global-setup.ts): no synthesis per test.
  const stackName = 'TapStack-e2e-cli';
  const deploy = run(
    'cdk deploy',
    bin('cdk'),
    ['deploy', stackName, '--app', assemblyDir(), '--require-approval', 'never'],
    localaws.env,
  );
  try {
    // The stack exists from the change set on (REVIEW_IN_PROGRESS), well before the CLI executes it.
    await localaws.waitForStatus(stackName, (status) => status !== undefined, 90_000);
    await page.goto(`/stacks/${stackName}`);
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connection', 'open');
    const firstStatus = await page.getByTestId('stack-status').innerText();
    expect(firstStatus).toMatch(/_IN_PROGRESS$/);
    await keepScreenshot(page, 'stack-in-progress');

    // Any navigation or reload would drop this marker.
    await page.evaluate(() => Object.assign(window, { __tapdeckNoReload: true }));
    await expect(page.getByTestId('stack-status')).toHaveText('CREATE_COMPLETE', { timeout: 120_000 });
    await expect(page.locator(`[data-testid="stack-event"][data-status="CREATE_COMPLETE"]`).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __tapdeckNoReload?: boolean }).__tapdeckNoReload)).toBe(true);
    await keepScreenshot(page, 'stack-complete');

    expect(await deploy.exited).toBe(0);

    // The stack's four alarms are listed, and a dry run started now appears with its plan, live.
    await expect(page.getByTestId('alarm')).toHaveCount(4);
    const stateMachineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:${stackName}`;
    const sfn = new SFNClient({
      endpoint: localaws.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'e2e-dry-run', input: '{"dryRun":true}' }));
    const execution = page.getByTestId('execution').filter({ hasText: 'e2e-dry-run' });
    await expect(execution).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 30_000 });
    await expect(execution).toContainText('dry-run');
    await expect(execution).toContainText('Nothing to check');
    await keepScreenshot(page, 'stack-with-execution');

    // The CMK card is read once per page view: a fresh view of the finished stack shows the binding checked.
    await page.reload();
    await expect(page.getByTestId('cmk-binding')).toContainText('The key policy grants CloudWatch Logs everything it needs');
    await expect(page.locator('[data-check][data-ok="true"]')).toHaveCount(5);
  } finally {
    deploy.stop();
    await localaws.deleteStack(stackName);
  }
});
