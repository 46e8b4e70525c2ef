/**
 * Raw HTTP for the hostile-input suites: node:http (fetch adds Sec-Fetch-* headers, which localaws's gate refuses
 * as a browser), a per-request timeout so a hang fails the test instead of stalling it, and the health probe.
 */
import { request } from 'node:http';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export const authFor = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

export function send(
  base: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<RawReply> {
  const { method = 'POST', path = '/', headers = {}, body, timeoutMs = 3_000 } = options;
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    // An explicit length: node:http sends a DELETE's body without one, which the server rightly reads as the next request.
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms: ${method} ${path.slice(0, 200)}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** awsQuery: a form POST signed for `service` (cloudformation, sts, monitoring). */
export const postForm = (base: string, body: string, service = 'cloudformation') =>
  send(base, {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: authFor(service) },
  });

/** AWS JSON: `X-Amz-Target` with the service's signing name. */
export const postJson = (
  base: string,
  signingName: string,
  target: string,
  body: string | Buffer,
  version = '1.1',
  extra: Record<string, string> = {},
) =>
  send(base, {
    body,
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amz-target': target,
      authorization: authFor(signingName),
      ...extra,
    },
  });

/** S3 REST, path style. */
export const s3Request = (
  base: string,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
) => send(base, { method, path, body, headers: { authorization: authFor('s3'), ...headers } });

/** `<Code>` of an awsQuery or S3 error document, `__type` of a JSON one. */
export function errorCode(reply: RawReply): string | undefined {
  const xml = /<Code>([^<]*)<\/Code>/.exec(reply.text);
  if (xml) return xml[1];
  try {
    return (JSON.parse(reply.text) as { __type?: string }).__type;
  } catch {
    return undefined;
  }
}

export function errorMessage(reply: RawReply): string | undefined {
  const xml = /<Message>([^<]*)<\/Message>/.exec(reply.text);
  if (xml)
    return xml[1]!
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  try {
    return (JSON.parse(reply.text) as { message?: string }).message;
  } catch {
    return undefined;
  }
}

/**
 * How long `GET /_localaws/health` takes, best of three: a server whose event loop is still busy (or whose heap
 * is thrashing) is slow on all three, while one scheduling hiccup on a shared machine is not held against it.
 */
export async function healthMs(base: string): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3 && best >= 100; i++) {
    const started = performance.now();
    const reply = await send(base, { method: 'GET', path: '/_localaws/health', timeoutMs: 2_000 });
    if (reply.status !== 200) throw new Error(`health answered ${reply.status}`);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** A small seeded PRNG (mulberry32), so every fuzz run sends the same requests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
