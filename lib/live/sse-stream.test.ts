import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSseStream, encodeFrame, type SseCloseReason } from './sse-stream';

/** A data source the test publishes through, recording whether the stream is still subscribed. */
function fakeSource(catchUp: unknown[] = []) {
  let send: ((event: string, data: unknown) => void) | undefined;
  const state = { subscribed: false, unsubscribes: 0 };
  return {
    state,
    subscribe(s: (event: string, data: unknown) => void) {
      send = s;
      state.subscribed = true;
      for (const message of catchUp) s('snapshot', message);
      return () => {
        state.subscribed = false;
        state.unsubscribes += 1;
      };
    },
    publish: (data: unknown) => send?.('delta', data),
  };
}

async function readText(stream: ReadableStream<Uint8Array>, chunks: number): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let i = 0; i < chunks; i += 1) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}

describe('createSseStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the retry hint, catch-up and published messages as SSE events', async () => {
    const source = fakeSource([{ n: 0 }]);
    const stream = createSseStream({ subscribe: source.subscribe });
    source.publish({ n: 1 });
    expect(await readText(stream, 3)).toBe('retry: 3000\n\nevent: snapshot\ndata: {"n":0}\n\nevent: delta\ndata: {"n":1}\n\n');
  });

  it('drops a client that never reads once its unread queue passes the limit: unsubscribed, closed once', async () => {
    const source = fakeSource();
    const closes: SseCloseReason[] = [];
    const stream = createSseStream({
      subscribe: source.subscribe,
      maxQueuedBytes: 4_096,
      onClose: (reason) => closes.push(reason),
    });
    const reader = stream.getReader(); // holds the stream and never reads
    const payload = 'x'.repeat(500);
    let published = 0;
    while (source.state.subscribed && published < 1_000) {
      source.publish({ payload });
      published += 1;
    }
    expect(source.state.subscribed).toBe(false);
    expect(published).toBeLessThan(10); // ~4 KiB of ~530-byte events, not a thousand of them
    expect(source.state.unsubscribes).toBe(1);
    expect(closes).toEqual(['too-slow']);
    await expect(reader.read()).rejects.toThrow(/unread/);

    source.publish({ payload }); // a late publish from the shared poller is ignored
    await vi.advanceTimersByTimeAsync(60_000); // and the heartbeat has stopped
    expect(closes).toEqual(['too-slow']);
  });

  it('keeps a client that reads, however much passes through', async () => {
    const source = fakeSource();
    const stream = createSseStream({ subscribe: source.subscribe, maxQueuedBytes: 4_096 });
    const reader = stream.getReader();
    await reader.read(); // the retry hint
    for (let i = 0; i < 100; i += 1) {
      source.publish({ payload: 'x'.repeat(500) });
      await reader.read();
    }
    expect(source.state.subscribed).toBe(true);
    await reader.cancel();
    expect(source.state.subscribed).toBe(false);
  });

  it('lets one big catch-up through to a fresh client', async () => {
    const source = fakeSource([{ events: 'x'.repeat(10_000) }]);
    const stream = createSseStream({ subscribe: source.subscribe, maxQueuedBytes: 16_384 });
    expect(source.state.subscribed).toBe(true);
    expect(await readText(stream, 2)).toContain('event: snapshot');
  });

  it('ends once when the request aborts, then when the reader cancels, and never subscribes for an aborted request', async () => {
    const source = fakeSource();
    const closes: SseCloseReason[] = [];
    const abort = new AbortController();
    const stream = createSseStream({
      subscribe: source.subscribe,
      signal: abort.signal,
      onClose: (reason) => closes.push(reason),
    });
    abort.abort();
    await stream.cancel();
    expect(closes).toEqual(['aborted']);
    expect(source.state).toEqual({ subscribed: false, unsubscribes: 1 });

    const late = fakeSource();
    const lateCloses: SseCloseReason[] = [];
    createSseStream({ subscribe: late.subscribe, signal: abort.signal, onClose: (reason) => lateCloses.push(reason) });
    expect(late.state.unsubscribes + Number(late.state.subscribed)).toBe(0);
    expect(lateCloses).toEqual(['aborted']);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const source = fakeSource();
    const stream = createSseStream({ subscribe: source.subscribe, heartbeatMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await readText(stream, 2)).toBe('retry: 3000\n\n: heartbeat\n\n');
    await stream.cancel().catch(() => {});
  });

  it('encodes a message once, however many streams it reaches', async () => {
    const message = { type: 'delta', events: ['x'.repeat(1_000)] };
    const sources = [fakeSource(), fakeSource()];
    const readers = sources.map((source) => createSseStream({ subscribe: source.subscribe }).getReader());
    for (const reader of readers) await reader.read(); // the retry hint
    for (const source of sources) source.publish(message);
    const [first, second] = await Promise.all(readers.map(async (reader) => (await reader.read()).value));
    expect(first).toBe(second);
    expect(new TextDecoder().decode(first)).toBe(`event: delta\ndata: ${JSON.stringify(message)}\n\n`);
    expect(encodeFrame('snapshot', message)).not.toBe(first); // another event name is another frame
    for (const reader of readers) await reader.cancel();
  });
});
