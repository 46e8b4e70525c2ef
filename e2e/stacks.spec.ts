import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';

test('the home lists a stack outside the fleet with its status and links to it', async ({ page, localaws }) => {
  const stackName = `Listed-${Date.now().toString(36)}`;
  const template = JSON.stringify({
    Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/tapdeck/e2e/${stackName}` } } },
  });
  await localaws.cloudformation.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template }));
  await localaws.waitForStatus(stackName, (status) => status === 'CREATE_COMPLETE');
  try {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Stacks', level: 1 })).toBeVisible();
    // Not a TapStack environment: it is listed under "Other stacks" (e2e/fleet.spec.ts covers the fleet itself).
    const row = page.getByRole('list', { name: 'Other stacks' }).getByRole('listitem').filter({ hasText: stackName });
    await expect(row.getByText('CREATE_COMPLETE')).toBeVisible();
    await keepScreenshot(page, 'stacks');
    await row.getByRole('link', { name: stackName }).click();
    await expect(page.getByRole('heading', { name: stackName, level: 1 })).toBeVisible();
    await expect(page.getByTestId('stack-status')).toHaveText('CREATE_COMPLETE');
  } finally {
    await localaws.deleteStack(stackName);
  }
});

test('a stack name that CloudFormation would refuse gets a clear not-found page', async ({ page }) => {
  const res = await page.goto('/stacks/not_a%20stack!');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText('Stack names use letters, digits and hyphens')).toBeVisible();
});

test('the stream refuses a bad stack name with a 400 and a reason', async ({ request }) => {
  const res = await request.get('/api/stacks/1bad/stream');
  expect(res.status()).toBe(400);
  expect(await res.json()).toMatchObject({ error: 'InvalidStackName' });
});

test('a stack that does not exist yet answers 404 with a waiting page that shows it once it is created', async ({
  page,
  localaws,
}) => {
  const stackName = `Waiting-${Date.now().toString(36)}`;
  const res = await page.goto(`/stacks/${stackName}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByText('No stack named')).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connection', 'open');
  await keepScreenshot(page, 'stack-missing');

  const template = JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
  await localaws.cloudformation.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template }));
  try {
    // The stream says the stack exists: the page loads it (now a 200) without anyone touching it.
    await expect(page.getByTestId('stack-status')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('No stack named')).toHaveCount(0);
  } finally {
    await localaws.deleteStack(stackName);
  }
});

test('the stack page reads well on a phone', async ({ page, localaws }) => {
  const stackName = `Phone-${Date.now().toString(36)}`;
  const template = JSON.stringify({
    Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/tapdeck/e2e/${stackName}` } } },
  });
  await localaws.cloudformation.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template }));
  await localaws.waitForStatus(stackName, (status) => status === 'CREATE_COMPLETE');
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/stacks/${stackName}`);
    await expect(page.getByTestId('stack-status')).toHaveText('CREATE_COMPLETE');
    // Nothing but the events table (which scrolls inside its card) may be wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await keepScreenshot(page, 'stack-phone');
  } finally {
    await localaws.deleteStack(stackName);
  }
});
