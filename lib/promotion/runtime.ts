import { listStackEventsSince, describeStack } from '@/lib/aws/cloudformation';
import {
  createChangeSet,
  deleteChangeSet,
  describeChangeSet,
  describeStackForWrite,
  executeChangeSet,
  getChangeSetTemplate,
  updateStackParameters,
} from '@/lib/aws/cloudformation-writes';
import { describeAlarmsByName } from '@/lib/aws/cloudwatch';
import { listRecentExecutions } from '@/lib/aws/sfn';
import { readAlignmentEvidence, startExecution } from '@/lib/aws/sfn-writes';
import { readCmkBinding } from '@/lib/cmk/read-binding';
import { config } from '@/lib/config';
import { getStore } from '@/lib/store';
import { DEFAULT_TIMINGS, type Clock, type PromotionCfn, type PromotionSettings } from './deps';
import { createPreflightGatherer, type GatherPreflight } from './gather';
import { createPromotionService, type PromotionService } from './service';

/**
 * The promotion gate wired to real AWS (lib/aws/*) and the configured store: one per process, kept on
 * globalThis because Next may load this module once per route bundle, and the preflight cache and the watchers
 * must be shared by all of them.
 */
export interface PromotionRuntime {
  service: PromotionService;
  gatherPreflight: GatherPreflight;
}

const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms) =>
    new Promise((resolve) => {
      // A watcher waiting for its next poll must not keep a stopping process alive.
      setTimeout(resolve, ms).unref?.();
    }),
};

export const realCfn: PromotionCfn = {
  describeStackForWrite,
  createChangeSet,
  describeChangeSet,
  getChangeSetTemplate,
  executeChangeSet,
  deleteChangeSet,
  updateStackParameters,
  listStackEvents: (name, limit) => listStackEventsSince(name, undefined, limit),
};

export function settingsFromConfig(): PromotionSettings {
  return { ...config.promotion, ...DEFAULT_TIMINGS };
}

export function createPromotionRuntime(overrides: { settings?: PromotionSettings; clock?: Clock } = {}): PromotionRuntime {
  const settings = overrides.settings ?? settingsFromConfig();
  const clock = overrides.clock ?? realClock;
  const gatherPreflight = createPreflightGatherer({
    reads: { describeStack, describeAlarmsByName, listRecentExecutions, readAlignmentEvidence, readCmkBinding },
    settings,
    now: () => clock.now(),
  });
  const store = getStore();
  const service = createPromotionService({ store, cfn: realCfn, sfn: { startExecution }, gatherPreflight, clock, settings });
  resumeWatchesNowAndEvery(service, WATCH_RESUME_MS);
  return { service, gatherPreflight };
}

/**
 * How often an instance looks for executing requests nobody in it watches: after a restart, or when another
 * instance died mid-update (several instances on PostgreSQL). Reads pick one up sooner (service.reconcile).
 */
const WATCH_RESUME_MS = 60_000;

function resumeWatchesNowAndEvery(service: PromotionService, everyMs: number): void {
  const resume = () =>
    void service.resumeWatches().catch((error: unknown) => console.error('[promotion] could not resume watchers', error));
  resume();
  // A timer that must not keep a stopping process alive.
  setInterval(resume, everyMs).unref?.();
}

const globalKey = Symbol.for('tapdeck.promotionRuntime');
const holder = globalThis as { [globalKey]?: PromotionRuntime };

export function getPromotionRuntime(): PromotionRuntime {
  return (holder[globalKey] ??= createPromotionRuntime());
}
