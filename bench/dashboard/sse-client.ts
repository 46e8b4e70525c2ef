/** A minimal Server-Sent Events reader for the benchmarks: node:http, one socket per stream, no EventSource. */
import http from 'node:http';

export interface SseFrame {
  event: string;
  data: string;
  at: number;
}

export interface OpenedStream {
  /** resolves with the first frame carrying data (the snapshot or its equivalent) */
  first: Promise<SseFrame>;
  close(): void;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/** Opens `url` with the cookie; `onFrame` sees every event (parse `data` only when needed: 2,000 streams). */
export function openSse(url: string, cookie: string, onFrame: (frame: SseFrame) => void = () => {}): OpenedStream {
  let resolveFirst: (frame: SseFrame) => void = () => {};
  let rejectFirst: (error: Error) => void = () => {};
  const first = new Promise<SseFrame>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });
  const req = http.get(
    url,
    { agent, headers: { cookie, accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' } },
    (res) => {
      if (res.statusCode !== 200) {
        rejectFirst(new Error(`${url}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const raw = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of raw.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          const frame = { event, data, at };
          resolveFirst(frame);
          onFrame(frame);
        }
      });
      res.on('error', () => {});
    },
  );
  req.on('error', (error) => rejectFirst(error));
  return { first, close: () => req.destroy() };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
