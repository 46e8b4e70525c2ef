/** Protocol edges for KMS and Logs over raw HTTP: every bad request gets the service's 400, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
});
afterAll(() => server.close());

const post = async (service: 'kms' | 'logs', target: string, body: string) => {
  const res = await fetch(server.url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, Signature=x`,
    },
  });
  return {
    status: res.status,
    type: res.headers.get('x-amzn-errortype'),
    body: (await res.json()) as { __type?: string; message?: string } & Record<string, unknown>,
  };
};

describe.each([
  ['kms', 'TrentService', 'DescribeKey', 'ValidationException', "'keyId'"],
  ['logs', 'Logs_20140328', 'CreateLogGroup', 'InvalidParameterException', "'logGroupName'"],
] as const)('%s over raw HTTP', (service, prefix, operation, missingCode, member) => {
  it('answers a missing required member with the service’s code', async () => {
    const res = await post(service, `${prefix}.${operation}`, '{}');
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe(missingCode);
    expect(res.body.message).toContain(member);
  });

  it('answers malformed JSON with SerializationException', async () => {
    for (const body of ['{"a":', '[]', 'null']) {
      const res = await post(service, `${prefix}.${operation}`, body);
      expect(res.status).toBe(400);
      expect(res.body.__type).toBe('SerializationException');
    }
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    const res = await post(service, `${prefix}.NoSuchOperation`, '{}');
    expect(res.status).toBe(400);
    expect(res.type).toBe('UnknownOperationException');
  });

  it('never answers 500 to members of the wrong type', async () => {
    for (const body of [
      '{"KeyId":{"x":1},"logGroupName":[1]}',
      '{"KeyId":5,"logGroupName":true}',
      '{"Tags":"x","tags":"y","KeyId":"k","logGroupName":"g"}',
    ]) {
      const res = await post(service, `${prefix}.${operation}`, body);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('JSON bodies as AWS writes them', () => {
  it('KMS: CreateKey then Encrypt with a base64 blob; a bad KeyId is NotFoundException', async () => {
    const created = await post('kms', 'TrentService.CreateKey', '{"Description":"raw"}');
    expect(created.status).toBe(200);
    const meta = created.body.KeyMetadata as { KeyId: string; CreationDate: number };
    expect(typeof meta.CreationDate).toBe('number');
    const sealed = await post(
      'kms',
      'TrentService.Encrypt',
      JSON.stringify({ KeyId: meta.KeyId, Plaintext: Buffer.from('hi').toString('base64') }),
    );
    expect(typeof sealed.body.CiphertextBlob).toBe('string');
    const opened = await post('kms', 'TrentService.Decrypt', JSON.stringify({ CiphertextBlob: sealed.body.CiphertextBlob }));
    expect(Buffer.from(String(opened.body.Plaintext), 'base64').toString()).toBe('hi');
    const missing = await post('kms', 'TrentService.DescribeKey', '{"KeyId":"11111111-2222-3333-4444-555555555555"}');
    expect(missing).toMatchObject({ status: 400, type: 'NotFoundException' });
  });

  it('Logs: a group and the log-delivery calls Step Functions makes', async () => {
    expect((await post('logs', 'Logs_20140328.CreateLogGroup', '{"logGroupName":"/aws/vendedlogs/states/raw"}')).status).toBe(
      200,
    );
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/raw:*';
    const created = await post(
      'logs',
      'Logs_20140328.CreateLogDelivery',
      JSON.stringify({ resourceArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm', logGroupArn: arn }),
    );
    expect(created.status).toBe(200);
    const id = String(created.body.logDeliveryId);
    expect(
      (await post('logs', 'Logs_20140328.GetLogDelivery', JSON.stringify({ logDeliveryId: id }))).body.logDelivery,
    ).toMatchObject({ logDeliveryId: id, logGroupArn: arn });
    expect(
      (await post('logs', 'Logs_20140328.UpdateLogDelivery', JSON.stringify({ logDeliveryId: id, logGroupArn: `${arn}x` })))
        .status,
    ).toBe(200);
    const listed = await post('logs', 'Logs_20140328.ListLogDeliveries', '{}');
    expect(listed.body.logDeliveries).toEqual([expect.objectContaining({ logDeliveryId: id })]);
    expect((await post('logs', 'Logs_20140328.DeleteLogDelivery', JSON.stringify({ logDeliveryId: id }))).status).toBe(200);
    expect(await post('logs', 'Logs_20140328.GetLogDelivery', JSON.stringify({ logDeliveryId: id }))).toMatchObject({
      status: 400,
      type: 'ResourceNotFoundException',
    });
  });
});
