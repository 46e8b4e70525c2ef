/** A handler that breaks unexpectedly yields a 500 InternalFailure, and the server keeps serving. */
import type { AddressInfo } from 'node:net';
import { GetCallerIdentity$ } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RequestCounter } from '../src/admin';
import { createClock } from '../src/clock';
import { createLocalawsServer } from '../src/server';
import { defineOperation } from '../src/services/types';

const logged: string[] = [];
const server = createLocalawsServer({
  clock: createClock(1),
  counter: new RequestCounter(),
  log: (line) => logged.push(line),
  services: [
    {
      signingName: 'sts',
      query: { serviceNamespace: 'com.amazonaws.sts', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
      operations: {
        GetCallerIdentity: defineOperation(GetCallerIdentity$, () => {
          throw new TypeError('boom');
        }),
      },
    },
  ],
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('renders an unexpected handler error as 500 InternalFailure and logs it', async () => {
  const send = () =>
    fetch(url, {
      method: 'POST',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sts/aws4_request, Signature=x',
      },
    });
  const first = await send();
  expect(first.status).toBe(500);
  const body = await first.text();
  expect(body).toContain('<Type>Receiver</Type><Code>InternalFailure</Code>');
  expect(body).not.toContain('boom');
  expect(logged.some((line) => line.includes('TypeError: boom'))).toBe(true);
  expect((await send()).status).toBe(500);
});
