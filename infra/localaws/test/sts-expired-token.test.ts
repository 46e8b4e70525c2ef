/** Expired session credentials answer ExpiredToken in each protocol family, through a server with its own models. */
import type { AddressInfo } from 'node:net';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { RequestCounter } from '../src/admin';
import { createClock } from '../src/clock';
import { createLocalawsServer } from '../src/server';
import { createDynamoDbService } from '../src/services/dynamodb/handlers';
import { createIamService } from '../src/services/iam/handlers';
import { createServiceModels } from '../src/services/models';
import { createS3Service } from '../src/services/s3/handlers';
import { createServices, serviceApis } from '../src/services/service';
import { createStsService } from '../src/services/sts/handlers';

const models = createServiceModels();
const clock = createClock(200);
const services = createServices({ models, clock, log: () => {}, endpoint: () => '' }, [
  createStsService,
  createIamService,
  createDynamoDbService,
  createS3Service,
]);
const server = createLocalawsServer({
  clock,
  counter: new RequestCounter(),
  log: () => {},
  sessions: models.sts,
  services: serviceApis(services),
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('refuses requests signed with an expired session', async () => {
  const config = (accessKeyId: string, sessionToken?: string) => ({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'x', sessionToken },
  });
  await new IAMClient(config('111111111111')).send(
    new CreateRoleCommand({
      RoleName: 'short',
      AssumeRolePolicyDocument: JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  const { Credentials } = await new STSClient(config('222222222222')).send(
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/short', RoleSessionName: 'brief', DurationSeconds: 900 }),
  );
  const key = Credentials!.AccessKeyId!;
  expect((await new STSClient(config(key, Credentials!.SessionToken)).send(new GetCallerIdentityCommand({}))).Account).toBe(
    '111111111111',
  );

  models.sts.now = () => new Date(Date.now() + 901_000);
  const sts = await new STSClient(config(key, Credentials!.SessionToken))
    .send(new GetCallerIdentityCommand({}))
    .catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
  expect(sts).toMatchObject({
    name: 'ExpiredToken',
    message: 'The security token included in the request is expired',
    $metadata: { httpStatusCode: 403 },
  });
  const auth = (service: string) => `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/${service}/aws4_request, Signature=x`;
  const ddb = await fetch(url, {
    method: 'POST',
    body: '{}',
    headers: {
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      'content-type': 'application/x-amz-json-1.0',
      authorization: auth('dynamodb'),
    },
  });
  expect(ddb.headers.get('x-amzn-errortype')).toBe('ExpiredTokenException');
  const s3 = await fetch(`${url}/`, { headers: { authorization: auth('s3') } });
  expect(s3.status).toBe(400);
  expect(await s3.text()).toContain('<Code>ExpiredToken</Code><Message>The provided token has expired.</Message>');
});

it('forgets sessions an hour after they expire, and still answers ExpiredToken within the hour', () => {
  const sts = createServiceModels().sts;
  let now = Date.parse('2026-01-01T00:00:00Z');
  sts.now = () => new Date(now);
  const principal = { arn: 'arn:aws:iam::111111111111:root', userId: '111111111111' };
  const old = sts.createSession('111111111111', principal, 900);
  now += 2 * 3_600_000; // `old` expired 1 h 45 min ago
  const recent = sts.createSession('111111111111', principal, 900);
  now += 20 * 60_000; // `recent` expired 5 min ago
  for (let i = 0; i < 256; i++) sts.createSession('111111111111', principal, 3_600);
  expect(sts.lookup(old.accessKeyId)).toBeUndefined();
  expect(sts.lookup(recent.accessKeyId)).toMatchObject({ expired: true });
});

it('remembers at most LOCALAWS_STS_SESSIONS_KEPT sessions, forgetting the oldest first', async () => {
  vi.stubEnv('LOCALAWS_STS_SESSIONS_KEPT', '50');
  vi.resetModules();
  const { StsModel } = await import('../src/services/sts/model');
  vi.unstubAllEnvs();
  const sts = new StsModel();
  const principal = { arn: 'arn:aws:iam::111111111111:root', userId: '111111111111' };
  const sessions = Array.from({ length: 60 }, () => sts.createSession('111111111111', principal, 3_600));
  expect(sessions.slice(0, 10).every((s) => sts.lookup(s.accessKeyId) === undefined)).toBe(true);
  expect(sessions.slice(10).every((s) => sts.lookup(s.accessKeyId)?.expired === false)).toBe(true);
});
