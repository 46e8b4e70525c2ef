import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { AwsCallError } from '@/lib/aws/client-config';
import type { User } from '@/lib/auth/roles';
import { StoreInputError, StoreUnavailableError } from '@/lib/store/errors';
import { PromotionError } from './errors';
import { bodies, errorResponse, MAX_BODY_BYTES, parsePromotionId, parseStackName, readBody } from './http';

const post = (body: BodyInit | null, type = 'application/json') =>
  new Request('http://localhost/api/x', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
const viewer: User = { id: 'local:viewer', name: 'viewer', provider: 'local', role: 'viewer' };
const admin: User = { ...viewer, id: 'local:admin', role: 'admin' };

describe('readBody', () => {
  it('reads a JSON body against the schema; an empty body is {}', async () => {
    await expect(readBody(post('{"comment":"  ship it "}'), bodies.optionalComment)).resolves.toEqual({
      ok: true,
      value: { comment: 'ship it' },
    });
    await expect(readBody(post(null, ''), bodies.optionalComment)).resolves.toEqual({ ok: true, value: {} });
    await expect(readBody(post('{}', 'application/json; charset=utf-8'), bodies.empty)).resolves.toEqual({ ok: true, value: {} });
  });

  it('answers 415 for another content type, 400 for bad JSON or a body that does not fit, 413 over 16 KB', async () => {
    const status = async (request: Request, schema: z.ZodType<unknown> = bodies.optionalComment) => {
      const result = await readBody(request, schema);
      return result.ok
        ? 200
        : ([result.response.status, (await result.response.json()) as { error: string; message: string }] as const);
    };
    expect(await status(post('comment=x', 'application/x-www-form-urlencoded'))).toEqual([
      415,
      { error: 'UnsupportedMediaType', message: 'Send the body as application/json.' },
    ]);
    expect(await status(post('', 'text/plain'))).toMatchObject([415, { error: 'UnsupportedMediaType' }]);
    expect(await status(post('{nope'))).toEqual([400, { error: 'InvalidBody', message: 'The body is not valid JSON.' }]);
    expect(await status(post('{}'), bodies.requiredComment)).toMatchObject([
      400,
      { error: 'InvalidBody', message: expect.stringContaining('comment') },
    ]);
    expect(await status(post(JSON.stringify({ comment: 'x'.repeat(2001) })), bodies.requiredComment)).toMatchObject([
      400,
      { message: expect.stringContaining('at most 2000') },
    ]);
    expect(await status(post('{"comment":"   "}'), bodies.requiredComment)).toMatchObject([
      400,
      { message: expect.stringContaining('must not be empty') },
    ]);
    expect(await status(post('{"commnet":"typo"}'))).toMatchObject([400, { error: 'InvalidBody' }]);
    expect(await status(post(JSON.stringify({ comment: 'x'.repeat(MAX_BODY_BYTES) })))).toMatchObject([
      413,
      { error: 'BodyTooLarge' },
    ]);
  });
});

describe('parameters', () => {
  it('accepts stack names and UUID promotion ids only', () => {
    expect(parseStackName('TapStack-dev')).toEqual({ ok: true, value: 'TapStack-dev' });
    expect(parseStackName('..%2Fetc').ok).toBe(false);
    expect(parsePromotionId('0b1c2d3e-0000-4000-8000-000000000001').ok).toBe(true);
    for (const bad of ['1', "1' OR 1=1", '0B1C2D3E-0000-4000-8000-000000000001']) expect(parsePromotionId(bad).ok).toBe(false);
  });
});

describe('errorResponse', () => {
  it('answers a refusal with its status, code and details', async () => {
    const response = errorResponse(new PromotionError('PromotionOpen', 'already open', { promotionId: 'p1' }), viewer);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'PromotionOpen', message: 'already open', promotionId: 'p1' });
  });

  it('gives viewers a plain sentence and read-full-errors the SDK message; throttling is a 503', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = new AwsCallError(
      'ExecuteChangeSet',
      'Throttling',
      'Rate exceeded for arn:aws:cloudformation:us-east-1:000000000000:stack/x',
    );
    const plain = errorResponse(error, viewer);
    expect(plain.status).toBe(503);
    expect(plain.headers.get('retry-after')).toBe('30');
    expect(await plain.json()).toEqual({
      error: 'Throttling',
      message: 'AWS could not take the ExecuteChangeSet call just now (Throttling); try again in a minute.',
    });
    expect(await errorResponse(error, admin).json()).toMatchObject({ message: error.message });
    expect(errorResponse(new AwsCallError('CreateChangeSet', 'ValidationError', 'bad'), viewer).status).toBe(502);
    expect(log).toHaveBeenCalledWith(`[promotion] ${error.message}`);
    log.mockRestore();
  });

  it('answers 503 while the database is down (viewers without its URL) and 400 for text it cannot store', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const down = new StoreUnavailableError('the tapdeck database (DATABASE_URL postgres://t:***@db:5432/t) is not answering');
    const plain = errorResponse(down, viewer);
    expect(plain.status).toBe(503);
    expect(plain.headers.get('retry-after')).toBe('30');
    expect(await plain.json()).toEqual({
      error: 'StoreUnavailable',
      message: 'The tapdeck database is not answering; try again in a minute.',
    });
    expect(await errorResponse(down, admin).json()).toMatchObject({ message: down.message });
    const nul = errorResponse(new StoreInputError('text with a NUL character (U+0000) cannot be stored'), viewer);
    expect([nul.status, await nul.json()]).toEqual([
      400,
      { error: 'InvalidText', message: 'Text with a NUL character (U+0000) cannot be stored.' },
    ]);
    log.mockRestore();
  });
});
