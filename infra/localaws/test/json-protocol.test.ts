/** The AWS JSON protocol through the real SDK client and raw HTTP, on a throwaway KMS-shaped service. */
import type { AddressInfo } from 'node:net';
import { DescribeKey$, DescribeKeyCommand, KMSClient, NotFoundException } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../src/admin';
import { createClock } from '../src/clock';
import { AwsError } from '../src/errors';
import { createLocalawsServer } from '../src/server';
import { defineOperation } from '../src/services/types';

const created = new Date('2026-11-28T00:00:00Z');
const server = createLocalawsServer({
  clock: createClock(1),
  counter: new RequestCounter(),
  log: () => {},
  services: [
    {
      signingName: 'kms',
      json: { version: '1.1', targetPrefix: 'TrentService' },
      operations: {
        DescribeKey: defineOperation<{ KeyId: string }>(DescribeKey$, (input, ctx) => {
          if (input.KeyId === 'missing')
            throw new AwsError('NotFoundException', `Key 'arn:aws:kms:${ctx.region}:${ctx.account}:key/missing' does not exist`);
          return {
            KeyMetadata: {
              KeyId: input.KeyId,
              Arn: `arn:aws:kms:${ctx.region}:${ctx.account}:key/${input.KeyId}`,
              CreationDate: created,
              Enabled: true,
            },
          };
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

const auth = 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/eu-west-1/kms/aws4_request, Signature=x';
const post = (target: string, body: string) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: auth },
  });

describe('AWS JSON protocol', () => {
  it('serves the real SDK client: timestamps, account and region from the credential scope', async () => {
    const kms = new KMSClient({
      endpoint: url,
      region: 'eu-west-1',
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
    });
    const out = await kms.send(new DescribeKeyCommand({ KeyId: 'k1' }));
    expect(out.KeyMetadata).toMatchObject({ KeyId: 'k1', Arn: 'arn:aws:kms:eu-west-1:123456789012:key/k1', Enabled: true });
    expect(out.KeyMetadata?.CreationDate?.toISOString()).toBe(created.toISOString());
    const error = await kms.send(new DescribeKeyCommand({ KeyId: 'missing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as Error).message).toContain("key/missing' does not exist");
  });

  it('answers a missing required member with ValidationException', async () => {
    const res = await post('TrentService.DescribeKey', '{}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining("'keyId'") });
  });

  it('answers malformed JSON with SerializationException, and the server keeps serving', async () => {
    for (const body of ['{"KeyId":', '[1,2]', 'null']) {
      const res = await post('TrentService.DescribeKey', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { __type: string }).__type).toBe('SerializationException');
    }
    expect((await post('TrentService.DescribeKey', '{"KeyId":"k2"}')).status).toBe(200);
  });

  it('answers an unknown operation or target prefix with UnknownOperationException', async () => {
    for (const target of ['TrentService.NoSuchThing', 'OtherService.DescribeKey']) {
      const res = await post(target, '{}');
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    }
  });

  it('refuses a member of the wrong type with SerializationException, for every JSON service', async () => {
    for (const body of ['{"KeyId":{"nested":true}}', '{"KeyId":42}', '{"KeyId":"k","GrantTokens":"not-a-list"}']) {
      const res = await post('TrentService.DescribeKey', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { __type: string }).__type).toBe('SerializationException');
    }
  });
});
