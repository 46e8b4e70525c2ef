import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';

test('the stack list links to each stack', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Stacks', level: 1 })).toBeVisible();
  await keepScreenshot(page, 'stacks');
});

test('a stack name that CloudFormation would refuse gets a clear not-found page', async ({ page }) => {
  const response = await page.goto('/stacks/not_a%20stack!');
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Stack names use letters, digits and hyphens')).toBeVisible();
});

test('the stream refuses a bad stack name with a 400 and a reason', async ({ request }) => {
  const res = await request.get('/api/stacks/1bad/stream');
  expect(res.status()).toBe(400);
  expect(await res.json()).toMatchObject({ error: 'InvalidStackName' });
});

test('a stack that does not exist yet shows a waiting state', async ({ page }) => {
  await page.goto('/stacks/NoSuchStack');
  await expect(page.getByText('No stack named')).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connection', 'open');
  await keepScreenshot(page, 'stack-missing');
});
