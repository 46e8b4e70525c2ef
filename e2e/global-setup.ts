/**
 * Playwright globalSetup: the TapStack synthesized once per run (infra/test/tapstack-assembly.ts), shared by every
 * worker's deploys. Under `npm test` vitest's globalSetup has just made it from the same sources, so this is a
 * stamp check.
 */
import { ensureAssembly } from '../infra/test/tapstack-assembly';

export default async function setup(): Promise<void> {
  await ensureAssembly((line) => console.log(line));
}
