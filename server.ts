/**
 * The tapdeck server: Next.js as a custom server (https://nextjs.org/docs/app/guides/custom-server) with the three
 * live streams answered before Next sees them (lib/live/stream-endpoints.ts: a stream held inside Next's request
 * pipeline costs ~85 KB of memory by itself). Everything else — pages, the JSON API, next-auth, static files —
 * is Next's. This is the one way the dashboard starts: `npm start`, `npm run dev` (--dev), `npm run local`, the
 * screenshots, the benchmarks and the browser tests.
 *
 *   node --import tsx server.ts [--dev] [-H host] [-p port]     (HOST and PORT work too; 127.0.0.1:3000)
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    hostname: { type: 'string', short: 'H', default: process.env.HOST ?? '127.0.0.1' },
    port: { type: 'string', short: 'p', default: process.env.PORT ?? '3000' },
  },
});
const dev = values.dev;
const hostname = values.hostname;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`tapdeck: "${values.port}" is not a port number.`);
  process.exit(1);
}

// tsx turns Node's source maps on for its stack traces, and Node then parses the map of every module it loads, Next's
// server chunks included: +39 MB of heap and +44 MB RSS at start, measured. `next start` runs without them; so do we.
process.setSourceMapsEnabled(false);

// As `next start` / `next dev` do, before React or Next is loaded: they pick their builds from it.
(process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';

// A bad environment stops here with the variable's name, before anything listens (instrumentation.ts does the same inside Next).
const { checkConfigOrExit } = await import('./instrumentation-node');
checkConfigOrExit();

const { default: next } = await import('next');
const { handleStreamRequest } = await import('./lib/live/stream-endpoints');

const server = createServer();
const app = next({ dev, hostname, port, httpServer: server });
await app.prepare();
const handleWithNext = app.getRequestHandler();

server.on('request', (req, res) => {
  if (handleStreamRequest(req, res)) return;
  void handleWithNext(req, res);
});
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `tapdeck: port ${port} is taken.` : error);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`tapdeck ${dev ? '(dev) ' : ''}listening on http://${hostname}:${port}`);
});

// Open streams would keep server.close() waiting for ever: stop listening, drop every connection, then leave.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2_000).unref(); // should Next take longer to let go
    void app.close().finally(() => process.exit(0));
  });
}
