import { describe, expect, it } from 'vitest';
import type { ExecutionSummary } from '@/lib/executions/types';
import { createPreflightGatherer, type PreflightReads } from './gather';
import { alarm, alignment, boundCmk, goodRuns, goodStack, NOW, SETTINGS, STACK_NAME } from './testing/facts';

function fakeReads() {
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  let runs: ExecutionSummary[] = goodRuns();
  const reads: PreflightReads = {
    describeStack: async (name) => (count('describeStack'), name === STACK_NAME ? goodStack() : null),
    describeAlarmsByName: async (names) => (count('describeAlarms'), names.map((n) => alarm(n))),
    listRecentExecutions: async () => (count('listExecutions'), runs),
    readAlignmentEvidence: async (arn) => (count(`alignment ${arn.split(':').at(-1)}`), alignment(arn)),
    readCmkBinding: async () => (count('cmk'), boundCmk()),
  };
  return { reads, calls, setRuns: (next: ExecutionSummary[]) => (runs = next) };
}

describe('createPreflightGatherer', () => {
  it('computes once for concurrent callers and serves the result for the TTL', async () => {
    let now = NOW.getTime();
    const { reads, calls } = fakeReads();
    const gather = createPreflightGatherer({ reads, settings: SETTINGS, now: () => new Date(now), ttlMs: 5_000 });
    const results = await Promise.all(Array.from({ length: 20 }, () => gather(STACK_NAME)));
    expect(results.every((r) => r?.preflight.ok)).toBe(true);
    expect(calls.describeStack).toBe(1);
    now += 4_000;
    await gather(STACK_NAME);
    expect(calls.describeStack).toBe(1);
    now += 2_000;
    await gather(STACK_NAME);
    expect(calls.describeStack).toBe(2);
    await gather(STACK_NAME, { fresh: true });
    expect(calls.describeStack).toBe(3);
    expect(calls).toMatchObject({ describeAlarms: 3, listExecutions: 3, cmk: 3 });
  });

  it('reads an execution’s alignment evidence once, and the newest dry run’s when a new one finishes', async () => {
    let now = NOW.getTime();
    const { reads, calls, setRuns } = fakeReads();
    const gather = createPreflightGatherer({ reads, settings: SETTINGS, now: () => new Date(now), ttlMs: 0 });
    await gather(STACK_NAME);
    now += 1;
    await gather(STACK_NAME);
    expect(calls['alignment run-3']).toBe(1);
    const newer = {
      ...goodRuns()[0]!,
      arn: goodRuns()[0]!.arn.replace('run-3', 'run-4'),
      name: 'run-4',
      startedAt: new Date(NOW.getTime() - 60_000).toISOString(),
    };
    setRuns([newer, ...goodRuns()]);
    now += 1;
    const result = await gather(STACK_NAME);
    expect(calls['alignment run-4']).toBe(1);
    expect(result?.facts.alignment?.executionArn).toBe(newer.arn);
  });

  it('answers null for a missing stack and does not cache a failure', async () => {
    const { reads, calls } = fakeReads();
    let fail = true;
    const gather = createPreflightGatherer({
      reads: {
        ...reads,
        describeAlarmsByName: async (names) =>
          fail ? Promise.reject(new Error('Throttling')) : reads.describeAlarmsByName(names),
      },
      settings: SETTINGS,
      now: () => NOW,
    });
    await expect(gather('NoSuchStack')).resolves.toBeNull();
    await expect(gather(STACK_NAME)).rejects.toThrow('Throttling');
    fail = false;
    await expect(gather(STACK_NAME)).resolves.toMatchObject({ preflight: { ok: true } });
    expect(calls.describeStack).toBe(3);
  });

  it('does not read the CMK when EnableCmk is false', async () => {
    const { reads, calls } = fakeReads();
    const stack = goodStack({ parameters: { ...goodStack().parameters, EnableCmk: 'false' } });
    const gather = createPreflightGatherer({
      reads: { ...reads, describeStack: async () => stack },
      settings: SETTINGS,
      now: () => NOW,
    });
    await expect(gather(STACK_NAME)).resolves.toMatchObject({ preflight: { ok: true }, facts: { cmk: null } });
    expect(calls.cmk).toBeUndefined();
  });
});
