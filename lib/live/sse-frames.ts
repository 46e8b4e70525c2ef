/**
 * Server-Sent Events frames, encoded once. The hub hands every subscriber of a topic the same message object, so
 * 2,000 streams on one stack share one JSON.stringify and one Buffer instead of holding a copy each (messages are
 * never mutated once published). Entries go with their message.
 */
const frames = new WeakMap<object, { event: string; bytes: Buffer }>();

export function encodeFrame(event: string, data: unknown): Buffer {
  const cacheable = typeof data === 'object' && data !== null;
  const cached = cacheable ? frames.get(data) : undefined;
  if (cached?.event === event) return cached.bytes;
  const bytes = Buffer.from(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  if (cacheable) frames.set(data, { event, bytes });
  return bytes;
}

/** A comment line: keeps proxies and load balancers from closing an idle stream; EventSource ignores it. */
export const HEARTBEAT_FRAME = Buffer.from(': heartbeat\n\n');

const retryFrames = new Map<number, Buffer>();

/** What the browser waits before reconnecting after the stream drops. */
export function retryFrame(ms: number): Buffer {
  let frame = retryFrames.get(ms);
  if (!frame) retryFrames.set(ms, (frame = Buffer.from(`retry: ${ms}\n\n`)));
  return frame;
}
