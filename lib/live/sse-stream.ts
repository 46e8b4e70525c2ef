/**
 * Server-Sent Events as a ReadableStream, apart from Next so it can be tested. The stream's queue is bounded:
 * a client that stops reading (a frozen tab, a script that opens streams and never reads them) would otherwise
 * make the server buffer every message for it forever. Once more than `maxQueuedBytes` wait unread, the client
 * is dropped: unsubscribed, its queue discarded, the stream errored (its EventSource may reconnect and start
 * over from a fresh snapshot).
 */
export interface SseStreamOptions {
  /** Subscribes to the data; `send` writes one event. Returns the unsubscribe. May send synchronously (catch-up). */
  subscribe(send: (event: string, data: unknown) => void): () => void;
  /** The request's signal: the stream ends when the client goes away. */
  signal?: AbortSignal;
  /** Called exactly once when the stream ends, however it ends (release a slot, log). */
  onClose?: (reason: SseCloseReason) => void;
  heartbeatMs?: number;
  maxQueuedBytes?: number;
  /** What the browser waits before reconnecting after the stream drops. */
  retryMs?: number;
}

export type SseCloseReason = 'aborted' | 'cancelled' | 'too-slow' | 'failed';

export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
const DEFAULT_HEARTBEAT_MS = 15_000;

export class SlowClientError extends Error {
  override name = 'SlowClientError';
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
/**
 * Encoded frames by message object. The hub hands every subscriber of a topic the same message object, so 2,000
 * streams on one stack share one JSON.stringify and one buffer instead of holding a copy each (messages are never
 * mutated once published). Entries go with their message.
 */
const frames = new WeakMap<object, { event: string; bytes: Uint8Array }>();

export function encodeFrame(event: string, data: unknown): Uint8Array {
  const cacheable = typeof data === 'object' && data !== null;
  const cached = cacheable ? frames.get(data) : undefined;
  if (cached?.event === event) return cached.bytes;
  const bytes = encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  if (cacheable) frames.set(data, { event, bytes });
  return bytes;
}

export function createSseStream(options: SseStreamOptions): ReadableStream<Uint8Array> {
  const maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  let finish: (reason: SseCloseReason) => void = () => {};

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let finished = false;
        let unsubscribe: (() => void) | undefined;
        let heartbeat: ReturnType<typeof setInterval> | undefined;
        const onAbort = () => {
          finish('aborted');
          try {
            controller.close();
          } catch {
            // already closed or errored
          }
        };

        finish = (reason) => {
          if (finished) return;
          finished = true;
          clearInterval(heartbeat);
          options.signal?.removeEventListener('abort', onAbort);
          unsubscribe?.();
          options.onClose?.(reason);
        };

        const write = (chunk: Uint8Array) => {
          if (finished) return;
          try {
            controller.enqueue(chunk);
          } catch {
            finish('failed'); // the client went away between the check and the write
            return;
          }
          // desiredSize is the high-water mark minus what waits unread; below zero the client has fallen behind.
          if ((controller.desiredSize ?? 0) < 0) {
            finish('too-slow');
            controller.error(new SlowClientError(`the client left more than ${maxQueuedBytes} bytes unread`));
          }
        };

        if (options.signal?.aborted) {
          onAbort();
          return;
        }
        options.signal?.addEventListener('abort', onAbort, { once: true });
        write(encoder.encode(`retry: ${options.retryMs ?? 3_000}\n\n`));
        const leave = options.subscribe((event, data) => write(encodeFrame(event, data)));
        if (finished)
          leave(); // dropped during the synchronous catch-up
        else unsubscribe = leave;
        // Comments keep proxies and load balancers from closing an idle stream.
        if (!finished) heartbeat = setInterval(() => write(HEARTBEAT), options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
      },
      cancel() {
        finish('cancelled');
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: maxQueuedBytes }),
  );
}
