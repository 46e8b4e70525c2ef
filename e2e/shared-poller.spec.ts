import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const WINDOW_MS = 5_000;
const CFN_READS = ['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents'];

const template = JSON.stringify({
  Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/tapdeck/e2e/shared-poller' } } },
});

async function openLive(page: Page, stackName: string) {
  await page.goto(`/stacks/${stackName}`);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connection', 'open');
  await expect(page.getByTestId('stack-status')).toHaveText('CREATE_COMPLETE');
}

test('two tabs on one stack cost CloudFormation no more calls than one', async ({ context, localaws }) => {
  const stackName = `SharedPoller-${Date.now().toString(36)}`;
  await localaws.cloudformation.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template }));
  await localaws.waitForStatus(stackName, (status) => status === 'CREATE_COMPLETE');
  try {
    const countReads = async () => {
      await localaws.resetRequestCounts();
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      const counts = await localaws.requestCounts();
      return CFN_READS.reduce((sum, op) => sum + (counts[op] ?? 0), 0);
    };

    await openLive(await context.newPage(), stackName);
    const oneTab = await countReads();
    await openLive(await context.newPage(), stackName);
    const twoTabs = await countReads();

    // The idle poll is 1 s in the test server, so one tab makes about 2 reads a second; a poller per tab would double
    // it. Where a 5 s window falls on the 1 s polls moves either count by a poll or two, so the bound is a ratio.
    expect(oneTab).toBeGreaterThanOrEqual(4);
    expect(twoTabs).toBeLessThan(oneTab * 1.5);
  } finally {
    await localaws.deleteStack(stackName);
  }
});

test('the overview’s render (in Next) and its stream (beside Next, server.ts) share one fleet poller', async ({
  context,
  localaws,
}) => {
  // The render subscribes to the fleet hub from Next's bundle and stays 15 s (lib/live/fleet-page.ts); the stream
  // subscribes from server.ts's own import of lib/live. Both find the hub on globalThis, so one poller serves both:
  // with the stream closed, the render's subscription alone polls as often as both did together.
  const FLEET_WINDOW_MS = 3_000;
  const countFleetPolls = async () => {
    await localaws.resetRequestCounts();
    await new Promise((resolve) => setTimeout(resolve, FLEET_WINDOW_MS));
    return (await localaws.requestCounts())['cloudformation:DescribeStacks'] ?? 0;
  };
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connection', 'open');
  const renderAndStream = await countFleetPolls();
  await page.close();
  const renderAlone = await countFleetPolls();

  expect(renderAlone).toBeGreaterThanOrEqual(2); // the render's subscription still holds the poller
  expect(renderAndStream).toBeLessThanOrEqual(renderAlone + 2); // a second poller would double it
});
