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

// The summary lives apart so the browser's executions card can use it without bundling zod (35 KB gzipped).
export { summarizePlan } from './plan-summary';

/** Whether an execution's input asked for a dry run (`{"dryRun": true}`); undefined when it does not say. */
export function requestedDryRun(input: string | undefined): boolean | undefined {
  try {
    const value = JSON.parse(input ?? '') as { dryRun?: unknown } | null;
    return typeof value?.dryRun === 'boolean' ? value.dryRun : undefined;
  } catch {
    return undefined;
  }
}
