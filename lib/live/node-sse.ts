import type { ServerResponse } from 'node:http';
import { encodeFrame, HEARTBEAT_FRAME, retryFrame } from './sse-frames';

/**
 * Server-Sent Events written straight to a Node response: no web-stream adaptation, no per-stream queue of our
 * own, one shared Buffer per message (sse-frames.ts). What a client has not read yet waits in the response's
 * buffer (`writableLength`; the kernel's socket buffer comes first); a client that stops reading (a frozen tab,
 * a script that opens streams and never reads them) would otherwise make the server hold every message for it
 * forever, so once more than `maxQueuedBytes` wait, it is dropped: unsubscribed and its connection destroyed (its
 * EventSource may reconnect and start over from a fresh snapshot).
 */
export interface NodeSseOptions {
  /** Subscribes to the data; `send` writes one event. Returns the unsubscribe. May send synchronously (catch-up). */
  subscribe(send: (event: string, data: unknown) => void): () => void;
  /** Called exactly once when the stream ends, however it ends (release a slot, log). */
  onClose?: (reason: SseCloseReason) => void;
  heartbeatMs?: number;
  maxQueuedBytes?: number;
  /** What the browser waits before reconnecting after the stream drops. */
  retryMs?: number;
}

/** `closed`: the client went away (or the server closed the response); `too-slow`: dropped for not reading. */
export type SseCloseReason = 'closed' | 'too-slow';

/** The part of http.ServerResponse the writer uses (its headers are already written). */
export type SseResponse = Pick<
  ServerResponse,
  'write' | 'writableLength' | 'destroyed' | 'writableEnded' | 'destroy' | 'once' | 'off'
>;

export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
const DEFAULT_HEARTBEAT_MS = 15_000;
const DEFAULT_RETRY_MS = 3_000;

export function writeSse(res: SseResponse, options: NodeSseOptions): void {
  const maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  let finished = false;
  // Set once subscribed; `finish` may run before that (a client gone or dropped during its catch-up).
  const running: { unsubscribe?: () => void; heartbeat?: ReturnType<typeof setInterval> } = {};

  const finish = (reason: SseCloseReason) => {
    if (finished) return;
    finished = true;
    clearInterval(running.heartbeat);
    res.off('close', onGone);
    running.unsubscribe?.();
    options.onClose?.(reason);
  };
  const onGone = () => finish('closed');

  const write = (chunk: Buffer) => {
    if (finished) return;
    if (res.destroyed || res.writableEnded) return finish('closed'); // gone before its 'close' event ran
    res.write(chunk);
    if (res.writableLength > maxQueuedBytes) {
      finish('too-slow');
      res.destroy();
    }
  };

  if (res.destroyed || res.writableEnded) return finish('closed');
  res.once('close', onGone);
  write(retryFrame(options.retryMs ?? DEFAULT_RETRY_MS));
  const leave = options.subscribe((event, data) => write(encodeFrame(event, data)));
  if (finished) return leave(); // dropped during the synchronous catch-up
  running.unsubscribe = leave;
  running.heartbeat = setInterval(() => write(HEARTBEAT_FRAME), options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
}
