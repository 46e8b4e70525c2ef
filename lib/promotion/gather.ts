import type { AlarmSummary } from '@/lib/alarms/types';
import type { CmkBinding } from '@/lib/cmk/types';
import type { ExecutionSummary } from '@/lib/executions/types';
import type { StackSummary } from '@/lib/rollout/types';
import { ALARM_OUTPUTS, evaluatePreflight, selectDryRuns, type PreflightFacts, type PreflightSettings } from './preflight';
import type { AlignmentEvidence, Preflight } from './types';

/** The reads the preflight needs; the real ones are lib/aws/* (see runtime.ts), tests pass fakes. */
export interface PreflightReads {
  describeStack(name: string): Promise<StackSummary | null>;
  describeAlarmsByName(names: string[]): Promise<AlarmSummary[]>;
  listRecentExecutions(stateMachineArn: string, known: Map<string, ExecutionSummary>, max: number): Promise<ExecutionSummary[]>;
  readAlignmentEvidence(executionArn: string): Promise<AlignmentEvidence>;
  readCmkBinding(stack: StackSummary): Promise<CmkBinding>;
  /** names of muted alarms (muting arrives in a later issue; absent means none) */
  listMutedAlarms?(stackName: string): Promise<string[]>;
}

export interface GatheredPreflight {
  facts: PreflightFacts;
  preflight: Preflight;
}

export type GatherPreflight = (stackName: string, options?: { fresh?: boolean }) => Promise<GatheredPreflight | null>;

export interface GathererOptions {
  reads: PreflightReads;
  settings: PreflightSettings;
  now?: () => Date;
  /** how long one computation serves every viewer of a stack */
  ttlMs?: number;
}

/**
 * Gathers the preflight's facts with the injected reads and evaluates them. One computation per stack serves
 * every caller for `ttlMs` (many viewers polling GET …/preflight cost one), concurrent callers share the one in
 * flight, and `fresh` (execute's re-check) skips a finished result but still joins one in flight. The alignment
 * evidence of a finished execution never changes, so it is read once per execution ARN.
 */
export function createPreflightGatherer({
  reads,
  settings,
  now = () => new Date(),
  ttlMs = 5_000,
}: GathererOptions): GatherPreflight {
  const cache = new Map<string, { at: number; settled: boolean; value: Promise<GatheredPreflight | null> }>();
  const alignments = new Map<string, AlignmentEvidence>();
  const described = new Map<string, Map<string, ExecutionSummary>>();

  async function alignmentOf(run: ExecutionSummary | undefined): Promise<AlignmentEvidence | null> {
    if (!run) return null;
    const known = alignments.get(run.arn);
    if (known) return known;
    const evidence = await reads.readAlignmentEvidence(run.arn);
    alignments.set(run.arn, evidence);
    if (alignments.size > 500) alignments.delete(alignments.keys().next().value!);
    return evidence;
  }

  async function compute(stackName: string): Promise<GatheredPreflight | null> {
    const stack = await reads.describeStack(stackName);
    if (!stack) return null;
    const names = ALARM_OUTPUTS.map((key) => stack.outputs[key]).filter((name): name is string => Boolean(name));
    const stateMachineArn = stack.outputs.StateMachineArn;
    const known = described.get(stackName) ?? new Map<string, ExecutionSummary>();
    // Enough to find the required dry runs among a few apply runs and running ones.
    const listed = Math.max(10, settings.requiredDryRuns + 5);
    const [alarms, executions, cmk, mutedAlarms] = await Promise.all([
      names.length > 0 ? reads.describeAlarmsByName(names) : Promise.resolve([]),
      stateMachineArn ? reads.listRecentExecutions(stateMachineArn, known, listed) : Promise.resolve([]),
      stack.parameters.EnableCmk === 'true' ? reads.readCmkBinding(stack) : Promise.resolve(null),
      reads.listMutedAlarms ? reads.listMutedAlarms(stackName) : Promise.resolve([]),
    ]);
    described.set(stackName, new Map(executions.map((run) => [run.arn, run])));
    const alignment = await alignmentOf(selectDryRuns(executions, stack)[0]);
    const facts: PreflightFacts = { stack, alarms, executions, alignment, cmk, mutedAlarms };
    return { facts, preflight: evaluatePreflight(facts, settings, now()) };
  }

  return (stackName, options = {}) => {
    const entry = cache.get(stackName);
    const age = entry ? now().getTime() - entry.at : Infinity;
    if (entry && (!entry.settled || (!options.fresh && age < ttlMs))) return entry.value;
    const fresh = { at: now().getTime(), settled: false, value: compute(stackName) };
    cache.set(stackName, fresh);
    fresh.value.then(
      () => {
        fresh.settled = true;
      },
      () => {
        // A failed read is not cached: the next caller tries again.
        if (cache.get(stackName) === fresh) cache.delete(stackName);
      },
    );
    return fresh.value;
  };
}
