import { z } from 'zod';
import type { PrecheckPlan } from './types';

const entry = z.object({ name: z.string(), state: z.string(), compliant: z.boolean(), action: z.string() });
const planSchema = z.object({
  account: z.string(),
  mode: z.string(),
  dryRun: z.boolean(),
  buckets: z.array(entry).default([]),
  tables: z.array(entry).default([]),
});

/** The workflow's output as a plan, or undefined when it is not one (another workflow, or truncated output). */
export function parsePlan(output: string | undefined): PrecheckPlan | undefined {
  if (!output) return undefined;
  try {
    const parsed = planSchema.safeParse(JSON.parse(output));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

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

/** Whether an execution's input asked for a dry run (`{"dryRun": true}`); undefined when it does not say. */
export function requestedDryRun(input: string | undefined): boolean | undefined {
  try {
    const value = JSON.parse(input ?? '') as { dryRun?: unknown } | null;
    return typeof value?.dryRun === 'boolean' ? value.dryRun : undefined;
  } catch {
    return undefined;
  }
}
