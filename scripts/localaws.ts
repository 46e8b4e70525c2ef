/**
 * `npm run localaws`: the localaws package's command line (same flags), with tapdeck's demo world behind
 * `POST /_localaws/demo/seed` (scripts/demo: a target account with a role, buckets and tables to pre-check).
 */
import { runLocalawsCli } from 'localaws/cli';
import { seedDemo } from './demo';

await runLocalawsCli(process.argv.slice(2), {
  seedDemo: (url) => seedDemo(url, { log: (line) => console.error(`[demo] ${line}`) }),
});
