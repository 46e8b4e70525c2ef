/**
 * vitest globalSetup: synthesizes the TapStack once per run, before any test file starts (./tapstack-assembly.ts),
 * unless `npm run lint:cfn` has just done it from the same sources. The test files read the templates (./synth.ts).
 */
import { ensureAssembly } from './tapstack-assembly';

export default async function setup(): Promise<void> {
  await ensureAssembly((line) => console.log(line));
}
