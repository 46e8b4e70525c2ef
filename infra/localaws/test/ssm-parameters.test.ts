/** SSM Parameter Store through the real SDK client and raw HTTP. */
import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
let ssm: SSMClient;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  ssm = new SSMClient({
    endpoint: server.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
  });
});
afterAll(() => server.close());

describe('SSM parameters', () => {
  it('puts, versions, overwrites and reads parameters like the CDK bootstrap version', async () => {
    expect(
      await ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Type: 'String', Value: '27' })),
    ).toMatchObject({ Version: 1, Tier: 'Standard' });
    const again = await ssm
      .send(new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Type: 'String', Value: '28' }))
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ParameterAlreadyExists);
    expect((again as Error).message).toBe(
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    expect(
      (await ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Value: '28', Overwrite: true })))
        .Version,
    ).toBe(2);
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' }));
    expect(Parameter).toMatchObject({
      Name: '/cdk-bootstrap/hnb659fds/version',
      Type: 'String',
      Value: '28',
      Version: 2,
      ARN: 'arn:aws:ssm:eu-west-1:123456789012:parameter/cdk-bootstrap/hnb659fds/version',
      DataType: 'text',
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('StringList and SecureString; GetParameters lists the missing ones', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'list', Type: 'StringList', Value: 'a,b' }));
    await ssm.send(new PutParameterCommand({ Name: 'secret', Type: 'SecureString', Value: 'hunter2' }));
    expect((await ssm.send(new GetParameterCommand({ Name: 'secret', WithDecryption: true }))).Parameter?.Value).toBe('hunter2');
    expect((await ssm.send(new GetParameterCommand({ Name: 'secret' }))).Parameter?.Value).not.toBe('hunter2');
    const many = await ssm.send(new GetParametersCommand({ Names: ['list', 'ghost'] }));
    expect(many.Parameters?.map((p) => [p.Name, p.Value])).toEqual([['list', 'a,b']]);
    expect(many.InvalidParameters).toEqual(['ghost']);
  });

  it('ParameterNotFound for get and delete of a missing parameter', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'temp', Type: 'String', Value: 'x' }));
    await ssm.send(new DeleteParameterCommand({ Name: 'temp' }));
    expect(await ssm.send(new GetParameterCommand({ Name: 'temp' })).catch((e: unknown) => e)).toBeInstanceOf(ParameterNotFound);
    expect(await ssm.send(new DeleteParameterCommand({ Name: 'temp' })).catch((e: unknown) => e)).toBeInstanceOf(
      ParameterNotFound,
    );
  });

  it('raw HTTP: a missing Name and an unknown operation', async () => {
    const post = (target: string, body: string) =>
      fetch(server.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': target,
          authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/eu-west-1/ssm/aws4_request, Signature=x',
        },
      });
    const missing = await post('AmazonSSM.GetParameter', '{}');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining("'name'") });
    expect((await post('AmazonSSM.LabelParameterVersion', '{}')).headers.get('x-amzn-errortype')).toBe(
      'UnknownOperationException',
    );
  });
});
