/**
 * The non-AWS admin API under /_localaws/ (JSON in and out), for tests, the demo and operators: health,
 * memory, request counts, fault injection, the alarm clock, demo seeding and a summary of the state.
 * Bad input is a 400 `{ error }`; nothing sent here can crash the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultEngine } from './faults';
import type { StateCounts } from './state/counts';

export const ADMIN_PREFIX = '/_localaws/';

export class RequestCounter {
  private total = 0;
  private operations: Record<string, number> = {};

  count(service: string, operation: string): void {
    const key = `${service}:${operation}`;
    this.total += 1;
    this.operations[key] = (this.operations[key] ?? 0) + 1;
  }

  snapshot(): { total: number; operations: Record<string, number> } {
    return { total: this.total, operations: { ...this.operations } };
  }

  reset(): void {
    this.total = 0;
    this.operations = {};
  }
}

/** The CloudWatch alarm evaluator's speed-up, as the CloudWatch service exposes it. */
export interface AlarmClock {
  getAlarmSpeedup(): number;
  setAlarmSpeedup(factor: number): void;
}

/** What the admin API can reach beyond the request counter; each part is optional so tests can omit it. */
export interface AdminExtras {
  faults?: FaultEngine;
  alarmClock?: AlarmClock;
  seedDemo?: () => Promise<unknown>;
  stateCounts?: () => StateCounts;
  /** saves the state now (only when a data directory is in use); resolves once it is on disk */
  saveState?: () => Promise<unknown> | void;
}

class BadRequest extends Error {}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1024 * 1024) throw new BadRequest('request body over 1 MiB');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('expected a JSON object');
  return body as Record<string, unknown>;
}

async function handleFaults(
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultEngine,
  query: URLSearchParams,
): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, faults.list());
  if (req.method === 'DELETE') {
    const removed = faults.clear(query.get('id') ?? undefined);
    return sendJson(res, 200, { removed, ...faults.list() });
  }
  if (req.method !== 'POST') return sendJson(res, 405, { error: `${req.method} is not allowed on /_localaws/faults` });
  const body = await readJson(req);
  // Accepts one rule, a list of rules, or { seed?, rules? }.
  const wrapped = !Array.isArray(body) && body !== null && typeof body === 'object' && ('rules' in body || 'seed' in body);
  const envelope = wrapped ? asObject(body) : { rules: body };
  if (envelope.seed !== undefined) {
    if (typeof envelope.seed !== 'number' || !Number.isInteger(envelope.seed)) throw new BadRequest('"seed" must be an integer');
    faults.reseed(envelope.seed);
  }
  let added: unknown[] = [];
  try {
    if (envelope.rules !== undefined) added = faults.add(envelope.rules);
  } catch (error) {
    throw new BadRequest(error instanceof Error ? error.message : String(error));
  }
  sendJson(res, 200, { added, ...faults.list() });
}

async function handleClock(req: IncomingMessage, res: ServerResponse, clock: AlarmClock | undefined): Promise<void> {
  if (!clock) return sendJson(res, 501, { error: 'this localaws has no CloudWatch alarm evaluator to speed up' });
  if (req.method === 'GET') return sendJson(res, 200, { alarmSpeedup: clock.getAlarmSpeedup() });
  if (req.method !== 'POST') return sendJson(res, 405, { error: `${req.method} is not allowed on /_localaws/clock` });
  const { alarmSpeedup } = asObject(await readJson(req));
  if (typeof alarmSpeedup !== 'number' || !Number.isFinite(alarmSpeedup) || alarmSpeedup <= 0 || alarmSpeedup > 100_000) {
    throw new BadRequest('"alarmSpeedup" must be a number above 0 and at most 100000');
  }
  clock.setAlarmSpeedup(alarmSpeedup);
  sendJson(res, 200, { alarmSpeedup: clock.getAlarmSpeedup() });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  counter: RequestCounter,
  services: string[],
  extras: AdminExtras,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localaws');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/_localaws/health' && method === 'GET') return sendJson(res, 200, { status: 'ok', services });
  if (path === '/_localaws/memory' && method === 'GET') {
    // `?gc=1` collects garbage first when node runs with --expose-gc, so a soak compares live heaps, not GC timing.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (url.searchParams.get('gc') === '1' && gc) gc();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    // CPU time lets a benchmark compute the server's cost per request even on a busy machine.
    const { user, system } = process.cpuUsage();
    return sendJson(res, 200, { rss, heapUsed, heapTotal, external, cpuMicros: user + system });
  }
  if (path === '/_localaws/requests' && method === 'GET') return sendJson(res, 200, counter.snapshot());
  if (path === '/_localaws/requests' && method === 'DELETE') {
    counter.reset();
    return sendJson(res, 200, counter.snapshot());
  }
  if (path === '/_localaws/faults' && extras.faults) return handleFaults(req, res, extras.faults, url.searchParams);
  if (path === '/_localaws/clock') return handleClock(req, res, extras.alarmClock);
  if (path === '/_localaws/state' && method === 'GET' && extras.stateCounts)
    return sendJson(res, 200, { accounts: extras.stateCounts() });
  if (path === '/_localaws/state/save' && method === 'POST') {
    if (!extras.saveState) return sendJson(res, 409, { error: 'this localaws runs without a data directory (--data-dir)' });
    await extras.saveState();
    return sendJson(res, 200, { saved: true });
  }
  if (path === '/_localaws/demo/seed' && method === 'POST' && extras.seedDemo) return sendJson(res, 200, await extras.seedDemo());
  sendJson(res, 404, { error: `no admin route ${method} ${path}` });
}

/** The header every admin call but `GET /_localaws/health` must carry (any value). */
export const ADMIN_HEADER = 'x-localaws-admin';

/**
 * Why an admin request is refused, if it is. A custom header cannot be sent cross-site without a CORS preflight,
 * which localaws never grants (no Access-Control-* header anywhere); a no-cors fetch drops it. JSON-only bodies
 * shut out the one body type an HTML form could send. The request gate (security/request-gate.ts) has already
 * refused foreign Hosts, Origins and cross-site Fetch Metadata; this holds even if a browser sends neither.
 */
function refuseAdmin(req: IncomingMessage): { status: number; error: string } | undefined {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://localaws').pathname;
  if (method === 'OPTIONS')
    return { status: 403, error: 'localaws grants no CORS preflight: browsers may not call the admin API' };
  if (path === '/_localaws/health' && (method === 'GET' || method === 'HEAD')) return undefined;
  if (!req.headers[ADMIN_HEADER]) return { status: 403, error: `admin calls need the header "${ADMIN_HEADER}: 1"` };
  const type = req.headers['content-type'];
  if (method !== 'GET' && method !== 'HEAD' && type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
    return { status: 415, error: `admin calls take JSON bodies (content-type: application/json), not "${type}"` };
  }
  return undefined;
}

export function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  counter: RequestCounter,
  services: string[],
  extras: AdminExtras = {},
): void {
  const refusal = refuseAdmin(req);
  if (refusal) {
    req.resume();
    return sendJson(res, refusal.status, { error: refusal.error });
  }
  route(req, res, counter, services, extras).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (res.headersSent) return void res.end();
    sendJson(res, error instanceof BadRequest ? 400 : 500, { error: message });
  });
}
