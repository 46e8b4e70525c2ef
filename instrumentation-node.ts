import { ConfigError, getConfig } from './lib/config';

/**
 * A bad environment stops the server here, with a message that names the variable, instead of every page
 * answering 500. `next build` never runs this, so the build needs no secrets (lib/config.ts is lazy too).
 */
export function checkConfigOrExit(): void {
  try {
    getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${error.message}\n\ntapdeck did not start: fix the variables above and start it again.`);
    process.exit(1);
  }
}
