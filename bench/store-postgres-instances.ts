import { describeAlarmsByName } from '@/lib/aws/cloudwatch';
import { describeStack } from '@/lib/aws/cloudformation';
import { listRecentExecutions } from '@/lib/aws/sfn';
import { readAlignmentEvidence, startExecution } from '@/lib/aws/sfn-writes';
import { readCmkBinding } from '@/lib/cmk/read-binding';
import { DEFAULT_TIMINGS, type PromotionSettings } from '@/lib/promotion/deps';
import { createPreflightGatherer } from '@/lib/promotion/gather';
import { realCfn } from '@/lib/promotion/runtime';
import { createPromotionService, type PromotionService } from '@/lib/promotion/service';
import { openPostgresStore, type PostgresStore } from '@/lib/store/postgres-store';

/**
 * Three promotion services on one PostgreSQL database, each with its own pool and preflight cache, wired to the
 * real lib/aws adapters: three tapdeck instances, minus their HTTP servers. Imported by store-postgres.ts after
 * it has pointed AWS_ENDPOINT_URL at localaws.
 */
const settings: PromotionSettings = {
  requiredDryRuns: 3,
  maxDryRunAgeMs: 60 * 60_000,
  approvalTtlMs: 60 * 60_000,
  monitoringMinutes: 2,
  ...DEFAULT_TIMINGS,
  changeSetPollMs: 25,
  watchPollMs: 50,
};

export async function createThreeInstances(url: string) {
  const stores: PostgresStore[] = await Promise.all([0, 1, 2].map(() => openPostgresStore(url, { maxConnections: 5 })));
  const services: PromotionService[] = stores.map((store) =>
    createPromotionService({
      store,
      cfn: realCfn,
      sfn: { startExecution },
      gatherPreflight: createPreflightGatherer({
        reads: { describeStack, describeAlarmsByName, listRecentExecutions, readAlignmentEvidence, readCmkBinding },
        settings,
        ttlMs: 0,
      }),
      clock: { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      settings,
      log: () => undefined,
    }),
  );
  return {
    stores,
    services,
    close: async () => {
      for (const service of services) service.dispose();
      await Promise.all(stores.map((store) => store.end()));
    },
  };
}
