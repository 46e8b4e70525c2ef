/**
 * Child-process entry for the benchmark: one localaws on a free port, in memory, announcing its URL as the
 * first stdout line. Running it apart from the load generator gives each its own core, as in real use.
 */
import { startLocalaws } from 'localaws';
import { seedDemo } from '../scripts/demo';

const speed = Number(process.argv[2] ?? 1);
// An optional fixed port (the dashboard benchmark's own); any free port otherwise.
const port = Number(process.argv[3] ?? 0);
// The demo target account behind POST /_localaws/demo/seed, as `npm run localaws` has it: the multi-instance test
// deploys TapStacks aimed at it.
const server = await startLocalaws({
  port,
  speed,
  log: () => undefined,
  seedDemo: (url) => seedDemo(url, { log: () => undefined }),
});
console.log(JSON.stringify({ url: server.url }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
