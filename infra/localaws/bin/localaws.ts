/** `localaws [--port N] [--host H [--allow-remote] [--allowed-hosts a,b]] [--speed S] [--data-dir DIR] [--reset]`: see src/cli.ts. */
import { runLocalawsCli } from '../src/cli';

await runLocalawsCli(process.argv.slice(2));
