/** The request gate's rules as a pure function of headers, method and URL (the server tests drive it over HTTP). */
import { describe, expect, it } from 'vitest';
import { checkRequest, hostName, isLoopbackName, type GatePolicy } from '../src/security/request-gate';

const SIGV4 =
  'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=abc';
const rule = (headers: Record<string, string>, opts: { method?: string; url?: string; policy?: GatePolicy } = {}) =>
  checkRequest(
    { headers: { host: '127.0.0.1:4566', ...headers }, method: opts.method ?? 'POST', url: opts.url ?? '/' },
    opts.policy,
  )?.rule;

describe('Host names', () => {
  it('reads the name out of name:port and [v6]:port', () => {
    expect(hostName('LocalHost:4566')).toBe('localhost');
    expect(hostName('[::1]:4566')).toBe('::1');
    expect(hostName('localhost.')).toBe('localhost');
    expect(hostName('::1')).toBe('::1');
  });

  it('loopback is localhost, *.localhost, 127.0.0.0/8 and ::1', () => {
    for (const name of ['localhost', 'bucket.localhost', '127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackName(name), name).toBe(true);
    for (const name of ['evil.example', 'localhost.evil.example', '0.0.0.0', '::', '10.0.0.5', '128.0.0.1', '127.0.0.1.nip.io'])
      expect(isLoopbackName(name), name).toBe(false);
  });
});

describe('checkRequest', () => {
  it('lets SDK-shaped requests through: loopback Host, no Origin, no Fetch Metadata', () => {
    for (const host of ['127.0.0.1:4566', 'localhost:4566', '[::1]:4566', 'my-bucket.localhost:4566', 'localhost'])
      expect(rule({ host, authorization: SIGV4 })).toBeUndefined();
  });

  it('refuses foreign and missing Hosts (DNS rebinding)', () => {
    expect(rule({ host: 'evil.example:4566' })).toBe('host');
    expect(rule({ host: '192.168.1.5:4566' })).toBe('host');
    expect(checkRequest({ headers: {}, method: 'GET', url: '/' })?.rule).toBe('host');
  });

  it('allowedHosts adds exact names, *.suffix or anything; allowRemote adds IP literals but not names', () => {
    expect(rule({ host: 'box.lan:4566' }, { policy: { allowedHosts: ['box.lan'] } })).toBeUndefined();
    expect(rule({ host: 'a.internal' }, { policy: { allowedHosts: ['*.internal'] } })).toBeUndefined();
    expect(rule({ host: 'evil.example' }, { policy: { allowedHosts: ['*.internal'] } })).toBe('host');
    expect(rule({ host: 'evil.example' }, { policy: { allowedHosts: ['*'] } })).toBeUndefined();
    expect(rule({ host: '192.168.1.5:4566' }, { policy: { allowRemote: true } })).toBeUndefined();
    expect(rule({ host: '[fe80::1]:4566' }, { policy: { allowRemote: true } })).toBeUndefined();
    expect(rule({ host: 'evil.example:4566' }, { policy: { allowRemote: true } })).toBe('host');
  });

  it('refuses any Origin, loopback ones and "null" included', () => {
    for (const origin of ['http://evil.example', 'http://localhost:3000', 'null'])
      expect(rule({ origin }), origin).toBe('origin');
    expect(rule({ origin: 'http://evil.example' }, { url: '/_localaws/faults' })).toBe('origin');
  });

  it('refuses cross-site and same-site Fetch Metadata everywhere', () => {
    expect(rule({ 'sec-fetch-site': 'cross-site' }, { url: '/_localaws/faults' })).toBe('fetch-site');
    expect(rule({ 'sec-fetch-site': 'same-site' })).toBe('fetch-site');
  });

  it('keeps every browser request away from the AWS API, a typed URL included; admin GETs from a typed URL pass on', () => {
    expect(rule({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }, { method: 'GET', url: '/?Action=ListStacks' })).toBe(
      'browser',
    );
    expect(rule({ 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }, { method: 'GET' })).toBe('browser');
    expect(
      rule({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }, { method: 'GET', url: '/_localaws/health' }),
    ).toBeUndefined();
  });

  it('awsQuery actions that change state must be POSTs; reads and S3 GETs may be GETs', () => {
    const url = '/?Action=CreateStack&StackName=x&X-Amz-Credential=test%2F20260101%2Fus-east-1%2Fcloudformation%2Faws4_request';
    expect(rule({}, { method: 'GET', url })).toBe('query-get');
    expect(rule({}, { method: 'GET', url: url.replace('CreateStack', 'DeleteStack') })).toBe('query-get');
    expect(rule({}, { method: 'GET', url: url.replace('CreateStack', 'DescribeStacks') })).toBeUndefined();
    expect(rule({}, { method: 'GET', url: '/?Action=GetCallerIdentity&Version=2011-06-15' })).toBeUndefined();
    expect(
      rule(
        {},
        { method: 'GET', url: '/bucket/key?Action=PutThing&X-Amz-Credential=test%2F20260101%2Fus-east-1%2Fs3%2Faws4_request' },
      ),
    ).toBeUndefined();
  });
});
