// @ts-check
import path from 'node:path';

/**
 * Why `next start` and `next dev` are refused. They would serve tapdeck without server.ts, so without its live
 * streams, and on every network interface unless -H says otherwise. `npm start` and `npm run dev` (server.ts)
 * listen on 127.0.0.1 unless -H/HOST says otherwise, and answer the streams. Plain JavaScript: next.config.js
 * asks, before any TypeScript loads.
 */
export const NEXT_SERVER_REFUSAL =
  'tapdeck: start it with `npm start` or `npm run dev` (server.ts: the live streams, and 127.0.0.1 unless -H/HOST ' +
  'says otherwise), not `next start` or `next dev`, which serve no live streams and listen on every network interface by default.';

/**
 * True when this process is Next's own command line serving the app: `next start`, or the child `next dev` runs
 * its server in (next/dist/server/lib/start-server.js). next.config.js is also loaded by `next build` and by
 * server.ts, which runs Next as a library: those go on.
 * @param {readonly string[]} argv
 */
export function isNextCliServer(argv) {
  const script = path.basename(argv[1] ?? '');
  return (script === 'next' && argv[2] === 'start') || script === 'start-server.js';
}
