import type { PrecheckPlan } from './types';

/** "2 of 5 need changes · would enable versioning on 1 bucket, PITR on 1 table" */
export function summarizePlan(plan: PrecheckPlan): string {
  const all = [...plan.buckets, ...plan.tables];
  if (all.length === 0) return 'Nothing to check: no protected buckets or tables';
  const failing = all.filter((e) => !e.compliant);
  if (failing.length === 0) return `All ${all.length} compliant`;
  const bucketActions = plan.buckets.filter((e) => !e.compliant).length;
  const tableActions = plan.tables.filter((e) => !e.compliant).length;
  const verb = plan.dryRun ? 'would enable' : 'enabled';
  const parts = [
    bucketActions ? `versioning on ${bucketActions} bucket${bucketActions > 1 ? 's' : ''}` : '',
    tableActions ? `PITR on ${tableActions} table${tableActions > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return `${failing.length} of ${all.length} non-compliant · ${verb} ${parts.join(', ')}`;
}
