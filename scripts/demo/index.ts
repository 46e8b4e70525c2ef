/** What `npm run local` (scripts/local.ts) uses: seed the demo world, then keep it moving. */
export { seedDemo, type DemoParameters, type DemoSeed, type SeedOptions } from './seed';
export { startDemoDriver, type DemoDriver, type DemoDriverOptions } from './driver';
