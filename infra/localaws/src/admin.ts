/**
 * The non-AWS admin API under /_localaws/, for tests and the dashboard's demo mode:
 * health and a count of the AWS requests served per operation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function handleAdmin(req: IncomingMessage, res: ServerResponse, counter: RequestCounter, services: string[]): void {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/_localaws/health' && req.method === 'GET') return sendJson(res, 200, { status: 'ok', services });
  if (path === '/_localaws/requests' && req.method === 'GET') return sendJson(res, 200, counter.snapshot());
  if (path === '/_localaws/requests' && req.method === 'DELETE') {
    counter.reset();
    return sendJson(res, 200, counter.snapshot());
  }
  sendJson(res, 404, { error: `no admin route ${req.method} ${path}` });
}
