/**
 * The live streams as server.ts serves them beside Next: the real request handler on a real HTTP server, the real
 * feeds polling a real localaws (in-process, through AWS_ENDPOINT_URL as config.ts reads it on first use), and
 * real next-auth session cookies (a JWE made with the configured secret, as next-auth makes them at sign-in).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { encode } from 'next-auth/jwt';
import { startLocalaws, type Localaws } from 'localaws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '@/lib/auth/resolve-role';
import { handleStreamRequest, matchStreamRoute } from './stream-endpoints';
import { streamRegistry } from './stream-limits';

const STACK = 'StreamStack';
const SECRET = 'stream-endpoints-test-secret-0123456789abcdef';
const MAX_STREAMS = 2;

let localaws: Localaws;
let server: http.Server;
let base: string;
let dataDir: string;

const local = (login: string): Identity => ({ provider: 'local', id: login, login, name: login });
const cookieFor = async (identity: Identity, maxAge = 3_600) =>
  `next-auth.session-token=${await encode({ token: { identity }, secret: SECRET, maxAge })}`;

beforeAll(async () => {
  localaws = await startLocalaws({ port: 0, speed: 200, log: () => undefined });
  dataDir = mkdtempSync(path.join(tmpdir(), 'tapdeck-stream-endpoints-'));
  // Read once by lib/config.ts on first use, which is after this.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: localaws.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    NEXTAUTH_SECRET: SECRET,
    TAPDECK_LOCAL_USERS: 'viewer:viewer:viewer-pass,admin:admin:admin-pass,busy:viewer:busy-pass',
    TAPDECK_DB_PATH: path.join(dataDir, 'tapdeck.db'),
    TAPDECK_MAX_STREAMS_PER_USER: String(MAX_STREAMS),
    TAPDECK_POLL_IDLE_MS: '1000',
    TAPDECK_POLL_ALARMS_MS: '1000',
  });
  const cfn = new CloudFormationClient({
    endpoint: localaws.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await cfn.send(
    new CreateStackCommand({ StackName: STACK, TemplateBody: JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }) }),
  );
  while ((await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.StackStatus !== 'CREATE_COMPLETE') {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  cfn.destroy();

  // What server.ts does, with a stand-in for Next: anything the streams do not take is Next's 404 here.
  server = http.createServer((req, res) => {
    if (handleStreamRequest(req, res)) return;
    res.writeHead(404, { 'x-answered-by': 'next' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await localaws?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Frame {
  event: string;
  data: string;
}

/** One stream held open: its status, headers, the frames so far, and a wait for the next frame that matches. */
interface OpenStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  frames: Frame[];
  until(match: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  close(): void;
}

function open(path: string, options: { cookie?: string; method?: string } = {}): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method: options.method ?? 'GET', headers: options.cookie ? { cookie: options.cookie } : {} },
      (res) => {
        const frames: Frame[] = [];
        const waiters = new Set<() => void>();
        let buffer = '';
        const stream: OpenStream = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: '',
          frames,
          until(match, timeoutMs = 15_000) {
            return new Promise((found, fail) => {
              const check = () => {
                const frame = frames.find(match);
                if (!frame) return;
                waiters.delete(check);
                clearTimeout(timer);
                found(frame);
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`no matching frame within ${timeoutMs} ms; got ${frames.map((f) => f.event).join(', ')}`));
              }, timeoutMs);
              waiters.add(check);
              check();
            });
          },
          close: () => req.destroy(),
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          stream.body += chunk;
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const raw = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(raw)?.[1] ?? (raw.startsWith(':') ? 'comment' : raw.split(':')[0]!);
            frames.push({ event, data: /^data: (.*)$/m.exec(raw)?.[1] ?? '' });
          }
          for (const waiter of [...waiters]) waiter();
        });
        res.on('error', () => {});
        // A stream resolves at its headers; any other answer once its body is in.
        if (res.headers['content-type']?.startsWith('text/event-stream')) resolve(stream);
        else res.on('end', () => resolve(stream));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('matchStreamRoute', () => {
  it('takes exactly the three stream paths, and leaves everything else under them to Next', () => {
    expect(matchStreamRoute('/api/fleet/stream')).toEqual({ feed: 'fleet' });
    expect(matchStreamRoute('/api/stacks/TapStack-dev/stream?x=1')).toEqual({ feed: 'stack', stackName: 'TapStack-dev' });
    expect(matchStreamRoute('/api/stacks/TapStack-dev/cmk/stream')).toEqual({ feed: 'cmk', stackName: 'TapStack-dev' });
    expect(matchStreamRoute('/api/stacks/My%20Stack/stream')).toEqual({ feed: 'stack', stackName: 'My Stack' });
    for (const other of [
      '/api/fleet/stream/',
      '/api/fleet',
      '/api/stacks/A/stream/more',
      '/api/stacks/A/cmk/test-pattern',
      '/api/stacks//stream',
      '/api/stacks/A/B/stream',
      '/stacks/A/stream',
      '//api/fleet/stream',
    ]) {
      expect(matchStreamRoute(other), other).toBeNull();
    }
  });
});

describe('the live streams beside Next', () => {
  it('answers 401 without a session, with a forged or expired cookie, and for a user the configuration no longer has', async () => {
    const forged = `next-auth.session-token=${await encode({ token: { identity: local('admin') }, secret: 'x'.repeat(40) })}`;
    const expired = await cookieFor(local('viewer'), -60);
    const removed = await cookieFor(local('mallory'));
    for (const cookie of [undefined, forged, expired, removed, 'next-auth.session-token=garbage']) {
      for (const path of [`/api/stacks/${STACK}/stream`, `/api/stacks/${STACK}/cmk/stream`, '/api/fleet/stream']) {
        const res = await open(path, { cookie });
        expect(res.status, `${path} with ${cookie?.slice(0, 40)}`).toBe(401);
        expect(JSON.parse(res.body)).toEqual({ error: 'Unauthorized', message: 'Sign in to use tapdeck.' });
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-security-policy']).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    }
    expect(streamRegistry().openStreams('local:mallory')).toBe(0);
  });

  it('answers 400 for a name CloudFormation would refuse, before any stream opens', async () => {
    const cookie = await cookieFor(local('viewer'));
    for (const path of ['/api/stacks/1bad/stream', '/api/stacks/1bad/cmk/stream', '/api/stacks/bad%ZZname/stream']) {
      const res = await open(path, { cookie });
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'InvalidStackName' });
    }
    expect(streamRegistry().openStreams('local:viewer')).toBe(0);
  });

  it('answers other methods as Next answers a GET-only route, and leaves other paths to Next', async () => {
    const cookie = await cookieFor(local('viewer'));
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await open('/api/fleet/stream', { cookie, method });
      expect(res.status, method).toBe(405);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const options = await open(`/api/stacks/${STACK}/stream`, { method: 'OPTIONS' });
    expect([options.status, options.headers.allow]).toEqual([204, 'GET, HEAD, OPTIONS']);
    const head = await open(`/api/stacks/${STACK}/stream`, { cookie, method: 'HEAD' });
    expect([head.status, head.headers['content-type'], head.body]).toEqual([200, 'text/event-stream; charset=utf-8', '']);
    expect((await open(`/api/stacks/${STACK}/stream/extra`, { cookie })).headers['x-answered-by']).toBe('next');
    expect(streamRegistry().openStreams('local:viewer')).toBe(0);
  });

  it('streams the stack page, the CMK chain and the fleet with the SSE headers, and releases the slot on close', async () => {
    const cookie = await cookieFor(local('viewer'));
    const stack = await open(`/api/stacks/${STACK}/stream`, { cookie });
    expect(stack.status).toBe(200);
    expect(stack.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(stack.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const snapshot = await stack.until((frame) => frame.event === 'snapshot');
    expect(stack.frames[0]).toEqual({ event: 'retry', data: '' });
    expect(JSON.parse(snapshot.data)).toMatchObject({ type: 'snapshot', stack: { name: STACK, status: 'CREATE_COMPLETE' } });
    expect(streamRegistry().openStreams('local:viewer')).toBe(1);
    stack.close();
    await waitFor(() => streamRegistry().openStreams('local:viewer') === 0, 'the closed stream to release its slot');

    const cmk = await open(`/api/stacks/${STACK}/cmk/stream`, { cookie });
    expect(JSON.parse((await cmk.until((frame) => frame.event === 'cmk')).data)).toMatchObject({ type: 'cmk' });
    cmk.close();
    const fleet = await open('/api/fleet/stream', { cookie });
    expect(JSON.parse((await fleet.until((frame) => frame.event === 'fleet')).data)).toMatchObject({ type: 'fleet' });
    fleet.close();
    await waitFor(() => streamRegistry().openStreams('local:viewer') === 0, 'both streams to release their slots');
  });

  it(`answers 429 with Retry-After beyond ${MAX_STREAMS} streams per user, and admits again once one closes`, async () => {
    const cookie = await cookieFor(local('busy'));
    const held = [await open(`/api/stacks/${STACK}/stream`, { cookie }), await open('/api/fleet/stream', { cookie })];
    expect(held.map((stream) => stream.status)).toEqual([200, 200]);
    const refused = await open(`/api/stacks/${STACK}/stream`, { cookie });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'TooManyStreams' });
    expect((await open(`/api/stacks/${STACK}/stream`, { cookie: await cookieFor(local('viewer')) })).status).toBe(200); // others are not affected

    held[0]!.close();
    await waitFor(() => streamRegistry().openStreams('local:busy') === 1, 'the closed stream to release its slot, once');
    const again = await open(`/api/stacks/${STACK}/stream`, { cookie });
    expect(again.status).toBe(200);
    again.close();
    held[1]!.close();
    await waitFor(() => streamRegistry().openStreams('local:busy') === 0, 'every slot back');
  });

  it("gives AWS's own error text to an admin only; a viewer gets the code and the sentence", async () => {
    const viewer = await open(`/api/stacks/${STACK}/stream`, { cookie: await cookieFor(local('viewer')) });
    const admin = await open(`/api/stacks/${STACK}/stream`, { cookie: await cookieFor(local('admin')) });
    await Promise.all([viewer, admin].map((stream) => stream.until((frame) => frame.event === 'snapshot')));
    const fault = await fetch(`${localaws.url}/_localaws/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
      body: JSON.stringify({ service: 'cloudformation', errorRate: 1 }),
    });
    expect(fault.status).toBe(200);
    try {
      const [seenByViewer, seenByAdmin] = await Promise.all(
        [viewer, admin].map(async (stream) => JSON.parse((await stream.until((frame) => frame.event === 'stale')).data)),
      );
      expect(seenByAdmin.error.detail).toEqual(expect.any(String));
      expect(seenByViewer.error).toEqual({ code: seenByAdmin.error.code, sentence: seenByAdmin.error.sentence });
    } finally {
      await fetch(`${localaws.url}/_localaws/faults`, { method: 'DELETE', headers: { 'x-localaws-admin': '1' } });
      viewer.close();
      admin.close();
    }
  });
});
