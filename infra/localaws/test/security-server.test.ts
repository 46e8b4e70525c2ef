/**
 * Only the local user can drive localaws: a real server on a free port, raw HTTP so that Host, Origin and Fetch
 * Metadata can be forged the way a browser (or a DNS-rebinding page) would send them. Every refusal is a 403 (415
 * for a non-JSON admin body) and leaves the state as it was: no request counted, no stack, no fault, clock unchanged.
 */
import { request } from 'node:http';
import { CloudFormationClient, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
let seeded = 0;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined, seedDemo: async () => ({ seeded: ++seeded }) });
});
afterAll(() => server.close());

const ADMIN = { 'x-localaws-admin': '1' };
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const credential = (service: string) => `test/20260101/us-east-1/${service}/aws4_request`;
const authFor = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=${credential(service)}, SignedHeaders=host;x-amz-date, Signature=abc`;
const TEMPLATE = { Resources: { P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'x' } } } };
const CREATE_STACK = `Action=CreateStack&Version=2010-05-15&StackName=csrf&TemplateBody=${encodeURIComponent(JSON.stringify(TEMPLATE))}`;
/** What a page's `<img src="http://127.0.0.1:4566/?Action=CreateStack&…">` requests. */
const IMG_URL = () =>
  `/?${CREATE_STACK}&X-Amz-Credential=${encodeURIComponent(credential('cloudformation'))}&X-Amz-Algorithm=AWS4-HMAC-SHA256`;
const CROSS_SITE = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' };

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (Host included), as fetch will not forge. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await raw(
    method,
    `/_localaws/${path}`,
    { ...ADMIN, 'content-type': 'application/json' },
    body === undefined ? undefined : JSON.stringify(body),
  );
  expect(res.status, res.body).toBe(200);
  return JSON.parse(res.body) as Record<string, unknown>;
}

const requestCount = async () => (await admin('GET', 'requests')).total as number;
const noCorsAllowance = (res: Raw) => expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
const sdkConfig = (endpoint = server.url) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

async function stackExists(name: string): Promise<boolean> {
  const cfn = new CloudFormationClient(sdkConfig());
  try {
    await cfn.send(new DescribeStacksCommand({ StackName: name }));
    return true;
  } catch {
    return false;
  } finally {
    cfn.destroy();
  }
}

beforeEach(async () => {
  await admin('DELETE', 'faults');
  await admin('DELETE', 'requests');
});

describe('foreign Hosts (DNS rebinding) are refused', () => {
  it('an AWS call addressed to evil.example is a 403 AccessDenied in its protocol, and creates nothing', async () => {
    const res = await raw(
      'POST',
      '/',
      { host: 'evil.example:4566', 'content-type': FORM, authorization: authFor('cloudformation') },
      CREATE_STACK,
    );
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('text/xml');
    expect(res.body).toMatch(/<Code>AccessDenied<\/Code><Message>Host &quot;evil.example:4566&quot; is not a loopback address/);
    const json = await raw(
      'POST',
      '/',
      {
        host: 'evil.example',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        'content-type': 'application/x-amz-json-1.0',
        authorization: authFor('dynamodb'),
      },
      '{}',
    );
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body)).toMatchObject({ __type: 'AccessDeniedException' });
    const s3 = await raw('PUT', '/rebound-bucket', { host: 'attacker.example', authorization: authFor('s3') });
    expect(s3.status).toBe(403);
    expect(s3.body).toContain('<Error><Code>AccessDenied</Code>');
    expect(await requestCount()).toBe(0);
    expect(await stackExists('csrf')).toBe(false);
  });

  it('the admin API read through a rebound name is a 403 JSON { error }, even with the admin header', async () => {
    const res = await raw('GET', '/_localaws/state', { host: 'evil.example:4566', ...ADMIN });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining('is not a loopback address') });
    expect((await raw('GET', '/_localaws/health', { host: '192.168.1.5:4566' })).status).toBe(403);
  });
});

describe('requests a browser sends for another site are refused', () => {
  it('an AWS POST with a foreign Origin is refused and creates no stack', async () => {
    const res = await raw(
      'POST',
      '/',
      { origin: 'http://evil.example', 'content-type': FORM, authorization: authFor('cloudformation') },
      CREATE_STACK,
    );
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>AccessDenied</Code>');
    noCorsAllowance(res);
    expect(await stackExists('csrf')).toBe(false);
  });

  it('the <img>-style GET /?Action=CreateStack never reaches CloudFormation, with or without Fetch Metadata', async () => {
    const img = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };
    expect((await raw('GET', IMG_URL(), img)).status).toBe(403);
    // An older browser sends no Fetch Metadata on an image: state-changing awsQuery actions must be POSTs.
    const old = await raw('GET', IMG_URL(), {});
    expect(old.status).toBe(403);
    expect(old.body).toContain('CreateStack must be sent as a POST');
    expect((await raw('GET', IMG_URL().replace('CreateStack', 'DeleteStack'), {})).status).toBe(403);
    // Typed into the address bar (Sec-Fetch-Site: none) it is still a browser: refused.
    expect((await raw('GET', IMG_URL(), { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' })).status).toBe(403);
    expect(await requestCount()).toBe(0);
    expect(await stackExists('csrf')).toBe(false);
  });

  it('a cross-site text/plain POST to /_localaws/faults, /clock or /demo/seed changes nothing', async () => {
    const before = await admin('GET', 'clock');
    const rule = JSON.stringify({ service: 'sts', errorRate: 1 });
    for (const path of ['faults', 'clock', 'demo/seed']) {
      const res = await raw(
        'POST',
        `/_localaws/${path}`,
        { ...CROSS_SITE, 'content-type': 'text/plain;charset=UTF-8' },
        path === 'clock' ? '{"alarmSpeedup":999}' : rule,
      );
      expect(res.status, path).toBe(403);
      noCorsAllowance(res);
      // A browser without Origin or Fetch Metadata still cannot add the admin header to a simple request.
      expect((await raw('POST', `/_localaws/${path}`, { 'content-type': 'text/plain;charset=UTF-8' }, rule)).status, path).toBe(
        403,
      );
    }
    expect(await admin('GET', 'faults')).toMatchObject({ rules: [] });
    expect(await admin('GET', 'clock')).toEqual(before);
    expect(seeded).toBe(0);
  });

  it('admin POSTs with a foreign Origin or same-site Fetch Metadata are refused even with the header and JSON', async () => {
    const headers = { ...ADMIN, 'content-type': 'application/json' };
    const rule = JSON.stringify({ service: 'sts', errorRate: 1 });
    expect((await raw('POST', '/_localaws/faults', { ...headers, origin: 'http://evil.example' }, rule)).status).toBe(403);
    expect((await raw('POST', '/_localaws/faults', { ...headers, origin: 'http://localhost:3000' }, rule)).status).toBe(403);
    expect((await raw('POST', '/_localaws/faults', { ...headers, 'sec-fetch-site': 'same-site' }, rule)).status).toBe(403);
    expect(await admin('GET', 'faults')).toMatchObject({ rules: [] });
  });

  it('a CORS preflight gets a 403 and no Access-Control-* allowance', async () => {
    const preflight = {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-localaws-admin,content-type',
    };
    for (const path of ['/_localaws/faults', '/']) {
      const res = await raw('OPTIONS', path, preflight);
      expect(res.status, path).toBe(403);
      noCorsAllowance(res);
    }
    expect((await raw('OPTIONS', '/_localaws/faults', {})).status).toBe(403);
  });
});

describe('the admin API needs its header', () => {
  it('without x-localaws-admin every route but health is a 403; a non-JSON body is a 415', async () => {
    for (const [method, path] of [
      ['GET', 'state'],
      ['GET', 'requests'],
      ['DELETE', 'requests'],
      ['POST', 'faults'],
      ['POST', 'demo/seed'],
      ['POST', 'state/save'],
    ] as const) {
      const res = await raw(
        method,
        `/_localaws/${path}`,
        { 'content-type': 'application/json' },
        method === 'POST' ? '{}' : undefined,
      );
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ error: 'admin calls need the header "x-localaws-admin: 1"' });
    }
    const form = await raw(
      'POST',
      '/_localaws/faults',
      { ...ADMIN, 'content-type': 'application/x-www-form-urlencoded' },
      'service=sts',
    );
    expect(form.status).toBe(415);
    expect(await admin('GET', 'faults')).toMatchObject({ rules: [] });
    expect(seeded).toBe(0);
  });

  it('health stays open; with the header (any value) the admin API works, a body-less POST included', async () => {
    const health = await fetch(`${server.url}/_localaws/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(
      await admin('POST', 'faults', { service: 'sts', operation: 'GetCallerIdentity', errorRate: 1, count: 1 }),
    ).toMatchObject({ rules: [expect.objectContaining({ service: 'sts' })] });
    const seed = await fetch(`${server.url}/_localaws/demo/seed`, { method: 'POST', headers: { 'x-localaws-admin': 'yes' } });
    expect(seed.status).toBe(200);
    expect(seeded).toBe(1);
    seeded = 0;
  });
});

describe('real clients still work', () => {
  it('the AWS SDK v3 over 127.0.0.1 and localhost: query, JSON and REST-XML protocols', async () => {
    for (const endpoint of [server.url, `http://localhost:${server.port}`]) {
      const sts = new STSClient(sdkConfig(endpoint));
      const cfn = new CloudFormationClient(sdkConfig(endpoint));
      const ddb = new DynamoDBClient(sdkConfig(endpoint));
      const s3 = new S3Client({ ...sdkConfig(endpoint), forcePathStyle: true });
      try {
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
        expect((await cfn.send(new ListStacksCommand({}))).StackSummaries).toBeDefined();
        expect((await ddb.send(new ListTablesCommand({}))).TableNames).toBeDefined();
        await s3.send(new CreateBucketCommand({ Bucket: `gate-${endpoint.includes('localhost') ? 'name' : 'ip'}` }));
        expect((await s3.send(new ListBucketsCommand({}))).Buckets?.length).toBeGreaterThan(0);
      } finally {
        for (const client of [sts, cfn, ddb, s3]) client.destroy();
      }
    }
  });

  it('the very request refused above, sent as a CLI would (no Origin, loopback Host), creates the stack', async () => {
    const res = await raw(
      'POST',
      '/',
      { 'content-type': FORM, authorization: authFor('cloudformation') },
      CREATE_STACK.replace('StackName=csrf', 'StackName=control'),
    );
    expect(res.status, res.body).toBe(200);
    expect(await stackExists('control')).toBe(true);
  });

  it('an awsQuery read over GET (a presigned GetCallerIdentity) still answers', async () => {
    const res = await raw(
      'GET',
      `/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Credential=${encodeURIComponent(credential('sts'))}`,
      {},
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('<GetCallerIdentityResponse');
  });
});

describe('listening beyond loopback', () => {
  it('startLocalaws refuses a non-loopback host without allowRemote', async () => {
    await expect(startLocalaws({ port: 0, host: '0.0.0.0', log: () => undefined })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0.*allowRemote/,
    );
  });

  it('with allowRemote it accepts IP-literal and listed Hosts, and still refuses other names', async () => {
    const remote = await startLocalaws({
      port: 0,
      host: '0.0.0.0',
      allowRemote: true,
      allowedHosts: ['box.lan'],
      log: () => undefined,
    });
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: remote.port, path: '/_localaws/health', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    try {
      expect(await get(`192.168.1.5:${remote.port}`)).toBe(200);
      expect(await get(`box.lan:${remote.port}`)).toBe(200);
      expect(await get(`evil.example:${remote.port}`)).toBe(403);
    } finally {
      await remote.close();
    }
  });
});
