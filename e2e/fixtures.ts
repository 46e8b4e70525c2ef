import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { test as base, expect, type Page } from '@playwright/test';
import { localAwsEnv } from '../scripts/lib/local-env';
import { E2E_CONTEXT } from './chromium';
import { localawsUrl } from './env';
import { storageStateOf, type E2eLogin } from './users';

/**
 * Talks to a localaws (the worker's own unless told another, e.g. the multi-instance test's): the real SDK for AWS
 * calls, plain HTTP for its admin API.
 */
export class LocalAws {
  readonly env: ReturnType<typeof localAwsEnv>;
  readonly cloudformation: CloudFormationClient;

  constructor(readonly url: string = localawsUrl) {
    this.env = localAwsEnv(url);
    this.cloudformation = new CloudFormationClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  }

  async stackStatus(name: string): Promise<string | undefined> {
    try {
      const out = await this.cloudformation.send(new DescribeStacksCommand({ StackName: name }));
      return out.Stacks?.[0]?.StackStatus;
    } catch {
      return undefined;
    }
  }

  async waitForStatus(
    name: string,
    accept: (status: string | undefined) => boolean,
    timeoutMs = 60_000,
  ): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.stackStatus(name);
      if (accept(status)) return status;
      if (Date.now() > deadline) throw new Error(`${name} is still ${status ?? 'absent'} after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async deleteStack(name: string): Promise<void> {
    await this.cloudformation.send(new DeleteStackCommand({ StackName: name })).catch(() => {});
  }

  /** How many requests localaws served per `service:Operation` since the last reset. */
  async requestCounts(): Promise<Record<string, number>> {
    const res = await fetch(`${this.url}/_localaws/requests`, { headers: { 'x-localaws-admin': '1' } });
    const body = (await res.json()) as { operations: Record<string, number> };
    return body.operations;
  }

  async resetRequestCounts(): Promise<void> {
    await fetch(`${this.url}/_localaws/requests`, { method: 'DELETE', headers: { 'x-localaws-admin': '1' } });
  }
}

export const test = base.extend<{ localaws: LocalAws; signedInAs: (login: E2eLogin) => Promise<Page> }>({
  localaws: async ({}, provide) => {
    const localaws = new LocalAws();
    await provide(localaws);
    localaws.cloudformation.destroy();
  },
  /** A page in a browser context of its own, signed in as `login` (auth.setup.ts saved the cookies). */
  signedInAs: async ({ browser }, provide) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await provide(async (login) => {
      const context = await browser.newContext({ ...E2E_CONTEXT, storageState: storageStateOf(login) });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
