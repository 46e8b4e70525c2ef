import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The system Chromium the browser tests drive. Playwright's own browser download cannot run on machines without
 * internet, so tapdeck uses the distribution's package instead.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

/**
 * What every browser context of the tests asks for, the config's and the ones specs open themselves
 * (`browser.newContext` does not read the config's `use`): reduced motion, so pages left open while a test waits on
 * a rollout do not spend the CPU the servers need on pulsing badges (app/globals.css stills them).
 */
export const E2E_CONTEXT = { reducedMotion: 'reduce' } as const;
