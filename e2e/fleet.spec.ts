import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import type { Page } from '@playwright/test';
import { JSON_TAG_VALUE } from '../infra/lib/broken-variants';
import { E2E_CONTEXT } from './chromium';
import { dashboardUrl } from './env';
import { keepScreenshot } from './screenshots';
import { expect, test } from './tapstack';

/**
 * A TapStack-named environment that fails like the seed did (lesson 1: a JSON string as a KMS key's tag value),
 * created straight through CloudFormation: it rolls back to ROLLBACK_COMPLETE in a few seconds.
 */
const brokenTemplate = JSON.stringify({
  Parameters: { Mode: { Type: 'String', Default: 'dry-run', AllowedValues: ['dry-run', 'apply'] } },
  Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { Tags: [{ Key: 'meta', Value: JSON_TAG_VALUE }] } } },
});

const row = (page: Page, name: string) => page.locator(`[data-testid="fleet-row"][data-name="${name}"]`);

async function namesShown(page: Page, prefix: string): Promise<string[]> {
  const rows = page.locator('[data-testid="fleet-row"]');
  return (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''))).filter((name) =>
    name.startsWith(prefix),
  );
}

test('the overview follows a dev and a broken environment live, with sort, filters and theme kept across reloads', async ({
  page,
  localaws,
  tapstacks,
  deployTapStack,
}) => {
  test.setTimeout(300_000);
  const dev = await deployTapStack();
  const brokenName = `${dev.name}-broken`;
  try {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Stacks', level: 1 })).toBeVisible();
    const devRow = row(page, dev.name);
    await expect(devRow.getByTestId('fleet-status')).toHaveAttribute('data-status', 'CREATE_COMPLETE');
    await expect(devRow.getByTestId('fleet-mode')).toHaveText('dry-run');
    await expect(devRow.getByTestId('fleet-cmk')).toHaveText('bound');
    await expect(devRow.getByTestId('fleet-alarms')).toHaveText('0 of 4 in ALARM');
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connection', 'open');

    // Live, without a reload: a broken environment appears and rolls back; an alarm on dev goes off.
    await localaws.cloudformation.send(new CreateStackCommand({ StackName: brokenName, TemplateBody: brokenTemplate }));
    const brokenRow = row(page, brokenName);
    await expect(brokenRow.getByTestId('fleet-status')).toHaveAttribute('data-status', 'ROLLBACK_COMPLETE', { timeout: 60_000 });
    await expect(brokenRow.getByTestId('fleet-mode')).toHaveText('dry-run');
    const alarm = tapstacks.holdAlarm(dev.alarms.errors, 'e2e: fleet overview');
    try {
      await expect(devRow.getByTestId('fleet-alarms')).toHaveAttribute('data-count', '1');
      await expect(devRow.getByTestId('fleet-alarms')).toContainText(dev.alarms.errors);
      await expect(page.getByTestId('fleet-counts')).toContainText('alarming');
      await keepScreenshot(page, 'fleet-1280-light');

      // Sort and filter go into the URL and survive a reload.
      const search = page.getByRole('searchbox', { name: 'Filter' });
      await search.fill(dev.name);
      await expect.poll(() => namesShown(page, dev.name)).toEqual([dev.name, brokenName]);
      await page.getByRole('combobox', { name: 'Sort by' }).selectOption('status');
      await expect.poll(() => namesShown(page, dev.name)).toEqual([brokenName, dev.name]);
      await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
      await expect.poll(() => namesShown(page, dev.name)).toEqual([brokenName]);
      await expect(page).toHaveURL(/status=failed/);
      await page.reload();
      await expect.poll(() => namesShown(page, dev.name)).toEqual([brokenName]);
      await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('failed');
      await expect(page.getByRole('searchbox', { name: 'Filter' })).toHaveValue(dev.name);
      await page.getByRole('combobox', { name: 'Status' }).selectOption('all');
      await expect.poll(() => namesShown(page, dev.name)).toEqual([brokenName, dev.name]);
      await page.getByRole('button', { name: /Reverse/ }).click();
      await expect.poll(() => namesShown(page, dev.name)).toEqual([dev.name, brokenName]);
      await expect(page).toHaveURL(/sort=status&dir=desc|dir=desc/);

      // The theme toggle: dark now, and still dark after a reload (the server reads the cookie).
      await page.goto('/');
      const theme = page.getByRole('group', { name: 'Theme' });
      await theme.getByRole('button', { name: 'Dark' }).click();
      await expect(page.locator('html')).toHaveClass(/\bdark\b/);
      await page.reload();
      await expect(page.locator('html')).toHaveClass(/\bdark\b/);
      await expect(theme.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');
      await expect(row(page, dev.name).getByTestId('fleet-alarms')).toHaveAttribute('data-count', '1');
      await keepScreenshot(page, 'fleet-1280-dark');

      // Phones get cards instead of the table, with nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(page.locator(`[data-testid="fleet-card"][data-name="${dev.name}"]`)).toBeVisible();
      await expect(devRow).toBeHidden();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await keepScreenshot(page, 'fleet-390-dark');
      await theme.getByRole('button', { name: 'Light' }).click();
      await expect(page.locator('html')).not.toHaveClass(/dark/);
      await keepScreenshot(page, 'fleet-390-light');
      await page.setViewportSize({ width: 1280, height: 900 });

      // Every other page in dark, to look at.
      await theme.getByRole('button', { name: 'Dark' }).click();
      await page.goto(`/stacks/${dev.name}`);
      await expect(page.getByTestId('stack-status')).toHaveText('CREATE_COMPLETE');
      await keepScreenshot(page, 'dark-stack');
      await page.goto(`/stacks/${brokenName}`);
      await expect(page.getByTestId('stack-status')).toHaveText('ROLLBACK_COMPLETE');
      await keepScreenshot(page, 'dark-stack-broken');
      await page.goto(`/stacks/${dev.name}/promotions/no-such-promotion`);
      await keepScreenshot(page, 'dark-promotion-missing');
      await page.goto('/audit');
      await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
      await keepScreenshot(page, 'dark-audit');
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
      await keepScreenshot(page, 'dark-not-found');
    } finally {
      await alarm.release();
    }
  } finally {
    await localaws.deleteStack(brokenName);
  }
});

test('the sign-in page and the icons are there for anonymous visitors, in dark too', async ({ browser }) => {
  const context = await browser.newContext({ ...E2E_CONTEXT, storageState: { cookies: [], origins: [] } });
  try {
    await context.addCookies([{ name: 'tapdeck-theme', value: 'dark', url: dashboardUrl }]);
    const page = await context.newPage();
    await page.goto('/signin');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(page.getByRole('heading', { name: 'Sign in to tapdeck' })).toBeVisible();
    await keepScreenshot(page, 'dark-signin');
    for (const asset of ['/favicon.ico', '/apple-touch-icon.png', '/icon-192.png', '/icon-512.png', '/manifest.webmanifest']) {
      const res = await page.request.get(asset, { maxRedirects: 0 });
      expect(res.status(), asset).toBe(200);
    }
    const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as { icons: Array<{ src: string }> };
    expect(manifest.icons.map((icon) => icon.src)).toContain('/icon-512.png');
  } finally {
    await context.close();
  }
});

test('system follows the browser’s colour scheme', async ({ browser }) => {
  const context = await browser.newContext({ ...E2E_CONTEXT, colorScheme: 'dark', storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await page.goto('/signin');
    await expect(page.locator('html')).toHaveClass(/theme-system/);
    // The page background is slate-50 remapped: dark under a dark system preference.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toMatch(/rgb\(248, 250, 252\)|oklch\(0\.98/);
    await keepScreenshot(page, 'system-dark-signin');
  } finally {
    await context.close();
  }
});
