/** Protocol edges over plain fetch: what a broken or foreign request gets back, and the admin API. */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => undefined });
});
afterAll(() => server.close());

const xml = new XMLParser({ parseTagValue: false });
const authFor = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

async function post(
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; error?: { Type: string; Code: string; Message: string } }> {
  const response = await fetch(server.url, {
    method: 'POST',
    body,
    headers: { 'content-type': FORM, authorization: authFor('cloudformation'), ...headers },
  });
  const text = await response.text();
  const parsed = response.headers.get('content-type')?.includes('xml') ? xml.parse(text) : undefined;
  return { status: response.status, text, error: parsed?.ErrorResponse?.Error };
}

describe('awsQuery protocol edges', () => {
  it('an unknown action is a 400 InvalidAction ErrorResponse', async () => {
    const { status, text, error } = await post('Action=LaunchRockets&Version=2010-05-15');
    expect(status).toBe(400);
    expect(error).toEqual({
      Type: 'Sender',
      Code: 'InvalidAction',
      Message: 'The action or operation requested is invalid. Verify that the action is typed correctly.',
    });
    expect(text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('a missing required parameter is a 400 ValidationError naming it', async () => {
    const { status, error } = await post('Action=DescribeStackEvents&Version=2010-05-15');
    expect(status).toBe(400);
    expect(error).toMatchObject({
      Code: 'ValidationError',
      Message: "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null",
    });
  });

  it('a malformed body or a foreign content type is a 400, not a crash', async () => {
    const broken = await post('Action=DescribeStacks&StackName=%ZZ');
    expect(broken.status).toBe(400);
    expect(broken.error?.Code).toBe('MalformedQueryString');
    const json = await post('{"Action":"DescribeStacks"}', { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(json.error?.Code).toBe('MalformedQueryString');
    const badBool = await post('Action=CreateStack&StackName=x&TemplateBody=%7B%7D&DisableRollback=maybe');
    expect(badBool).toMatchObject({ status: 400, error: { Code: 'InvalidParameterValue' } });
    const badTemplate = await post('Action=CreateStack&StackName=x&TemplateBody=%7Bnot%20json');
    expect(badTemplate).toMatchObject({
      status: 400,
      error: { Code: 'ValidationError', Message: 'Template format error: JSON not well-formed.' },
    });
  });

  it('a request without SigV4 authorization is refused with 403 MissingAuthenticationToken', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      body: 'Action=DescribeStacks',
      headers: { 'content-type': FORM },
    });
    expect(response.status).toBe(403);
    expect(xml.parse(await response.text()).ErrorResponse.Error.Code).toBe('MissingAuthenticationToken');
  });

  it('an unknown service answers an AWS-style 400 in the protocol the client spoke', async () => {
    const query = await post('Action=ListQueues', { authorization: authFor('sqs') });
    expect(query).toMatchObject({ status: 400, error: { Code: 'InvalidAction' } });
    const response = await fetch(server.url, {
      method: 'POST',
      body: '{}',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
        authorization: authFor('cloudtrail'),
      },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('renders outputs through the SDK schema as <XResponse><XResult>', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: { 'content-type': FORM, authorization: authFor('sts') },
    });
    const text = await response.text();
    expect(text).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>/,
    );
    expect(xml.parse(text).GetCallerIdentityResponse.GetCallerIdentityResult).toEqual({
      UserId: '000000000000',
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
    });
  });
});

describe('admin API', () => {
  it('reports health and the services it serves', async () => {
    const response = await fetch(`${server.url}/_localaws/health`);
    const body = (await response.json()) as { status: string; services: string[] };
    expect(body.status).toBe('ok');
    // Every service localaws emulates, by SigV4 signing name.
    expect(body.services).toEqual(
      expect.arrayContaining(['sts', 'cloudformation', 'kms', 'logs', 'monitoring', 'states', 's3', 'dynamodb', 'iam']),
    );
  });

  it('counts every AWS request per operation and resets on DELETE', async () => {
    await fetch(`${server.url}/_localaws/requests`, { method: 'DELETE', headers: { 'x-localaws-admin': '1' } });
    await post('Action=DescribeStacks');
    await post('Action=DescribeStacks');
    await post('Action=DescribeStackEvents&StackName=none');
    const counts = await (await fetch(`${server.url}/_localaws/requests`, { headers: { 'x-localaws-admin': '1' } })).json();
    expect(counts).toEqual({
      total: 3,
      operations: { 'cloudformation:DescribeStacks': 2, 'cloudformation:DescribeStackEvents': 1 },
    });
    await fetch(`${server.url}/_localaws/requests`, { method: 'DELETE', headers: { 'x-localaws-admin': '1' } });
    expect(await (await fetch(`${server.url}/_localaws/requests`, { headers: { 'x-localaws-admin': '1' } })).json()).toEqual({
      total: 0,
      operations: {},
    });
  });
});
