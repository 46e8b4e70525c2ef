import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeSse, type SseCloseReason, type SseResponse } from './node-sse';
import { encodeFrame } from './sse-frames';

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
    publish: (data: unknown, event = 'delta') => send?.(event, data),
  };
}

/**
 * A real Writable standing in for the response: one that reads everything at once, or one whose reader never
 * takes anything after the first chunk (what a socket with a full kernel buffer looks like to the writer).
 */
function response({ reads }: { reads: boolean }) {
  const chunks: Buffer[] = [];
  const res = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (reads) done();
    },
  });
  res.on('error', () => {});
  return { res: res as unknown as SseResponse & Writable, chunks, text: () => Buffer.concat(chunks).toString() };
}

describe('writeSse', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the retry hint, catch-up and published messages as SSE events', () => {
    const source = fakeSource([{ n: 0 }]);
    const { res, text } = response({ reads: true });
    writeSse(res, { subscribe: source.subscribe });
    source.publish({ n: 1 });
    expect(text()).toBe('retry: 3000\n\nevent: snapshot\ndata: {"n":0}\n\nevent: delta\ndata: {"n":1}\n\n');
  });

  it('drops a client that stops reading once more than the bound waits: unsubscribed, destroyed, closed once', async () => {
    const source = fakeSource();
    const closes: SseCloseReason[] = [];
    const { res } = response({ reads: false });
    writeSse(res, { subscribe: source.subscribe, maxQueuedBytes: 4_096, onClose: (reason) => closes.push(reason) });
    const payload = 'x'.repeat(500);
    let published = 0;
    while (source.state.subscribed && published < 1_000) {
      source.publish({ payload, n: published });
      published += 1;
    }
    expect(published).toBeLessThan(10); // ~4 KiB of ~530-byte events, not a thousand of them
    expect(source.state.unsubscribes).toBe(1);
    expect(res.destroyed).toBe(true);
    expect(closes).toEqual(['too-slow']);

    source.publish({ payload }); // a late publish from the shared poller is ignored
    await vi.advanceTimersByTimeAsync(60_000); // the heartbeat has stopped, and the 'close' that follows changes nothing
    expect(closes).toEqual(['too-slow']);
    expect(source.state.unsubscribes).toBe(1);
  });

  it('keeps a client that reads, however much passes through', () => {
    const source = fakeSource();
    const { res, chunks } = response({ reads: true });
    writeSse(res, { subscribe: source.subscribe, maxQueuedBytes: 4_096 });
    for (let i = 0; i < 100; i += 1) source.publish({ payload: 'x'.repeat(500), i });
    expect(chunks).toHaveLength(101);
    expect(source.state.subscribed).toBe(true);
  });

  it('lets one big catch-up through to a client that reads', () => {
    const source = fakeSource([{ events: 'x'.repeat(10_000) }]);
    const { res, text } = response({ reads: true });
    writeSse(res, { subscribe: source.subscribe, maxQueuedBytes: 4_096 });
    expect(source.state.subscribed).toBe(true);
    expect(text()).toContain('event: snapshot');
  });

  it('ends once when the client goes away, and never subscribes for a response already gone', async () => {
    const source = fakeSource();
    const closes: SseCloseReason[] = [];
    const { res } = response({ reads: true });
    writeSse(res, { subscribe: source.subscribe, onClose: (reason) => closes.push(reason) });
    res.destroy();
    await vi.advanceTimersByTimeAsync(0); // 'close' is emitted on the next tick
    res.emit('close');
    expect(closes).toEqual(['closed']);
    expect(source.state).toEqual({ subscribed: false, unsubscribes: 1 });

    const late = fakeSource();
    const lateCloses: SseCloseReason[] = [];
    writeSse(res, { subscribe: late.subscribe, onClose: (reason) => lateCloses.push(reason) });
    expect(late.state.unsubscribes + Number(late.state.subscribed)).toBe(0);
    expect(lateCloses).toEqual(['closed']);
  });

  it('unsubscribes a client dropped during its own catch-up', () => {
    const source = fakeSource([{ events: 'x'.repeat(10_000) }]);
    const closes: SseCloseReason[] = [];
    const { res } = response({ reads: false });
    writeSse(res, { subscribe: source.subscribe, maxQueuedBytes: 4_096, onClose: (reason) => closes.push(reason) });
    expect(source.state).toEqual({ subscribed: false, unsubscribes: 1 });
    expect(closes).toEqual(['too-slow']);
  });

  it('sends a heartbeat comment while nothing happens, and stops with the stream', async () => {
    const source = fakeSource();
    const { res, text } = response({ reads: true });
    writeSse(res, { subscribe: source.subscribe, heartbeatMs: 1_000 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(text()).toBe('retry: 3000\n\n: heartbeat\n\n: heartbeat\n\n');
    res.destroy();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(text()).toBe('retry: 3000\n\n: heartbeat\n\n: heartbeat\n\n');
  });

  it('writes one shared Buffer per message, however many streams it reaches', () => {
    const message = { type: 'delta', events: ['x'.repeat(1_000)] };
    const clients = [response({ reads: true }), response({ reads: true })];
    const sources = clients.map((client) => {
      const source = fakeSource();
      writeSse(client.res, { subscribe: source.subscribe });
      return source;
    });
    for (const source of sources) source.publish(message);
    const [first, second] = clients.map((client) => client.chunks.at(-1));
    expect(first).toBe(second);
    expect(first?.toString()).toBe(`event: delta\ndata: ${JSON.stringify(message)}\n\n`);
    expect(encodeFrame('snapshot', message)).not.toBe(first); // another event name is another frame
  });
});
