import { assemblyDir } from '../infra/test/tapstack-assembly';
import { bin } from '../scripts/lib/local-env';
import { run } from '../scripts/lib/run';
import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';

test('a deploy that fails like the seed (JSON tag on the CMK) shows its root cause in red, live', async ({ page, localaws }) => {
  // The real CLI on the broken variant's cloud assembly (synthesized once per run, e2e/global-setup.ts).
  const stackName = 'TapStack-test';
  const deploy = run(
    'cdk deploy',
    bin('cdk'),
    ['deploy', stackName, '--app', assemblyDir('kms-tag-json'), '--require-approval', 'never'],
    localaws.env,
  );
  try {
    await localaws.waitForStatus(stackName, (status) => status !== undefined, 90_000);
    await page.goto(`/stacks/${stackName}`);
    await expect(page.getByTestId('stack-status')).toHaveText('ROLLBACK_COMPLETE', { timeout: 120_000 });
    await expect(page.getByTestId('stack-status').locator('[data-tone]')).toHaveAttribute('data-tone', 'failure');

    const rootCause = page.getByTestId('root-cause');
    await expect(rootCause).toContainText('AWS::KMS::Key');
    await expect(rootCause).toContainText('InvalidRequest');
    await expect(rootCause).not.toContainText('Resource creation cancelled');
    await keepScreenshot(page, 'stack-failed');

    expect(await deploy.exited).not.toBe(0);
  } finally {
    deploy.stop();
    await localaws.deleteStack(stackName);
  }
});
