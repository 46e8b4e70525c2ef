import { describe, expect, it } from 'vitest';
import type { CmkBinding } from '@/lib/cmk/types';
import { evaluatePreflight, selectDryRuns, withoutExplained, type PreflightFacts } from './preflight';
import {
  alarm,
  alignment,
  boundCmk,
  goodFacts,
  goodRuns,
  goodStack,
  NOW,
  plan,
  ROLE,
  run,
  SETTINGS,
  STACK_NAME,
  TARGET,
} from './testing/facts';
import type { PreflightItem } from './types';

const evaluate = (facts: PreflightFacts, settings = SETTINGS) => evaluatePreflight(facts, settings, NOW);
const params = (changes: Record<string, string>) => goodStack({ parameters: { ...goodStack().parameters, ...changes } });

/** Evaluates and expects exactly `id` to fail; returns that item. */
function onlyFailing(facts: PreflightFacts, id: PreflightItem['id'], settings = SETTINGS): PreflightItem {
  const preflight = evaluate(facts, settings);
  expect(preflight.items.filter((item) => !item.ok).map((item) => item.id)).toEqual([id]);
  expect(preflight.ok).toBe(false);
  return preflight.items.find((item) => item.id === id)!;
}

describe('evaluatePreflight', () => {
  it('passes a settled dry-run stack with aligned dry runs, its CMK bound and no alarm, saying what it saw', () => {
    const preflight = evaluate(goodFacts());
    expect(preflight.ok).toBe(true);
    expect(preflight.checkedAt).toBe(NOW.toISOString());
    expect(preflight.items.map((item) => item.id)).toEqual([
      'stack-settled',
      'mode-dry-run',
      'target-account',
      'role-aligned',
      'cmk-bound',
      'no-alarms',
      'recent-dry-runs',
      'prechecks-read',
    ]);
    const evidence = Object.fromEntries(preflight.items.map((item) => [item.id, item.evidence]));
    expect(evidence).toEqual({
      'stack-settled': 'UPDATE_COMPLETE since 2025-06-01 10:00:00 UTC',
      'mode-dry-run': 'Mode dry-run',
      'target-account': `TargetAccountId ${TARGET}`,
      'role-aligned': `TargetRoleName ${ROLE}; the dry run of 2025-06-01 11:50:00 UTC ran as arn:aws:sts::${TARGET}:assumed-role/${ROLE}/1717243200000 in account ${TARGET}`,
      'cmk-bound': `/aws/vendedlogs/states/${STACK_NAME} bound to key 1234abcd; all 3 key-policy checks pass`,
      'no-alarms': `${STACK_NAME}-errors OK, ${STACK_NAME}-throttles OK, ${STACK_NAME}-executions-failed OK, ${STACK_NAME}-execution-throttled OK`,
      'recent-dry-runs':
        '3 of the last 3 succeeded since the stack last changed (2025-06-01 10:00:00 UTC); the newest finished 9 min ago',
      'prechecks-read':
        'the dry run of 2025-06-01 11:50:00 UTC read 2 buckets and 1 table; apply would enable versioning on scratch, enable PITR on orders',
    });
    expect(preflight.items.find((item) => item.id === 'role-aligned')?.refs).toEqual([goodRuns()[0]!.arn]);
  });

  describe('stack settled', () => {
    it.each([
      ['UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS: an operation is running'],
      ['UPDATE_ROLLBACK_FAILED', 'UPDATE_ROLLBACK_FAILED: fix the stack first'],
      ['ROLLBACK_COMPLETE', 'ROLLBACK_COMPLETE: the stack was never created; delete and redeploy it'],
      ['REVIEW_IN_PROGRESS', 'REVIEW_IN_PROGRESS: an operation is running'],
    ])('fails alone for %s', (status, evidence) => {
      expect(onlyFailing(goodFacts({ stack: goodStack({ status }) }), 'stack-settled').evidence).toBe(evidence);
    });

    it('accepts CREATE_COMPLETE and UPDATE_ROLLBACK_COMPLETE (a rolled-back promotion can be tried again)', () => {
      for (const status of ['CREATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'])
        expect(evaluate(goodFacts({ stack: goodStack({ status }) })).ok).toBe(true);
    });
  });

  it('fails mode-dry-run alone when the stack already applies', () => {
    const facts = goodFacts({ stack: params({ Mode: 'apply' }) });
    expect(onlyFailing(facts, 'mode-dry-run').evidence).toBe('Mode is apply: only a dry-run stack can be promoted');
  });

  it.each([
    ['', 'TargetAccountId is empty: the workflow would act on the stack’s own account'],
    ['12345', 'TargetAccountId "12345" is not 12 digits'],
  ])('fails target-account for "%s" (and role alignment, which compares with it)', (id, evidence) => {
    const preflight = evaluate(goodFacts({ stack: params({ TargetAccountId: id }) }));
    expect(preflight.items.filter((item) => !item.ok).map((item) => item.id)).toEqual(['target-account', 'role-aligned']);
    expect(preflight.items.find((item) => item.id === 'target-account')?.evidence).toBe(evidence);
  });

  describe('role aligned', () => {
    it('fails alone when the dry run ran in another account than TargetAccountId, naming both', () => {
      const runs = goodRuns();
      const item = onlyFailing(
        goodFacts({
          alignment: alignment(runs[0]!.arn, {
            callerArn: `arn:aws:sts::222222222222:assumed-role/${ROLE}/s`,
            callerAccount: '222222222222',
          }),
        }),
        'role-aligned',
      );
      expect(item.evidence).toBe(
        `the dry run of 2025-06-01 11:50:00 UTC ran as arn:aws:sts::222222222222:assumed-role/${ROLE}/s in account 222222222222, not in TargetAccountId ${TARGET}`,
      );
      expect(item.refs).toEqual([runs[0]!.arn]);
    });

    it('fails alone when TargetRoleName is empty: the workflow runs as its own role', () => {
      const stack = params({ TargetRoleName: '' });
      const ownRole = 'arn:aws:sts::000000000000:assumed-role/TapStack-dev-WorkflowRole/abc';
      const item = onlyFailing(
        goodFacts({ stack, alignment: alignment(goodRuns()[0]!.arn, { callerArn: ownRole, callerAccount: '000000000000' }) }),
        'role-aligned',
      );
      expect(item.evidence).toBe(
        `TargetRoleName is empty: the workflow runs as its own role (the latest dry run ran as ${ownRole} in account 000000000000, not TargetAccountId ${TARGET})`,
      );
    });

    it('fails alone when the step ran as another role of the target account', () => {
      const facts = goodFacts({
        alignment: alignment(goodRuns()[0]!.arn, { callerArn: `arn:aws:sts::${TARGET}:assumed-role/Other/s` }),
      });
      expect(onlyFailing(facts, 'role-aligned').evidence).toMatch(/role Other, not TargetRoleName TapStackTarget$/);
    });

    it('fails alone when the step ran as a user rather than an assumed role', () => {
      const facts = goodFacts({ alignment: alignment(goodRuns()[0]!.arn, { callerArn: `arn:aws:iam::${TARGET}:user/admin` }) });
      expect(onlyFailing(facts, 'role-aligned').evidence).toMatch(/not an assumed TargetRoleName TapStackTarget$/);
    });

    it('fails alone when VerifyAlignment returned no caller, with why and the role it tried', () => {
      const failure = 'Sts.AccessDeniedException: not authorized to perform sts:AssumeRole';
      const facts = goodFacts({ alignment: { executionArn: goodRuns()[0]!.arn, failure } });
      expect(onlyFailing(facts, 'role-aligned').evidence).toBe(
        `TargetRoleName TapStackTarget; VerifyAlignment returned no caller in the dry run of 2025-06-01 11:50:00 UTC (${failure})`,
      );
      const tried = goodFacts({
        alignment: { executionArn: goodRuns()[0]!.arn, failure, taskRoleArn: 'arn:aws:iam::222222222222:role/TapStackTarget' },
      });
      expect(onlyFailing(tried, 'role-aligned').evidence).toBe(
        `VerifyAlignment could not run as arn:aws:iam::222222222222:role/TapStackTarget in the dry run of 2025-06-01 11:50:00 UTC (${failure})`,
      );
    });

    it('does not take the evidence of another execution than the latest dry run', () => {
      const facts = goodFacts({ alignment: alignment(goodRuns()[1]!.arn) });
      expect(onlyFailing(facts, 'role-aligned').evidence).toMatch(/returned no caller/);
    });
  });

  describe('CMK bound', () => {
    it('fails alone when a key-policy check fails, naming it', () => {
      const passing = (boundCmk() as Extract<CmkBinding, { kind: 'bound' }>).checks;
      const cmk = boundCmk({
        checks: [...passing, { id: 'create-grant', ok: false, label: 'CreateGrant allowed', detail: 'missing kms:CreateGrant' }],
      });
      expect(onlyFailing(goodFacts({ cmk }), 'cmk-bound').evidence).toBe(
        'key 1234abcd policy: CreateGrant allowed (missing kms:CreateGrant)',
      );
    });

    it.each([
      [
        { kind: 'unencrypted', logGroupName: '/lg', cmkExpected: true } as const,
        'EnableCmk true, but /lg is not encrypted with a CMK',
      ],
      [{ kind: 'no-log-group' } as const, 'EnableCmk true, but the stack’s log group was not found'],
      [
        boundCmk({ key: null, keyError: 'AccessDeniedException' }),
        '/aws/vendedlogs/states/TapStack-dev names a key tapdeck cannot read: AccessDeniedException',
      ],
    ])('fails alone for an unbound or unreadable key (%#)', (cmk, evidence) => {
      expect(onlyFailing(goodFacts({ cmk }), 'cmk-bound').evidence).toBe(evidence);
    });

    it('fails alone for a disabled key', () => {
      const cmk = boundCmk({ key: { keyId: 'k', arn: 'a', state: 'PendingDeletion', rotation: true, aliases: [] } });
      expect(onlyFailing(goodFacts({ cmk }), 'cmk-bound').evidence).toBe('key k is PendingDeletion');
    });

    it('passes without a key when EnableCmk is false', () => {
      const item = evaluate(goodFacts({ stack: params({ EnableCmk: 'false' }), cmk: null })).items.find(
        (i) => i.id === 'cmk-bound',
      );
      expect(item).toMatchObject({ ok: true, evidence: 'EnableCmk is false: no CMK to check' });
    });
  });

  describe('no alarms', () => {
    it('fails alone when one of the four is in ALARM, with CloudWatch’s reason', () => {
      const facts = goodFacts();
      facts.alarms[1] = alarm(`${STACK_NAME}-throttles`, 'ALARM');
      expect(onlyFailing(facts, 'no-alarms').evidence).toBe(
        `${STACK_NAME}-throttles in ALARM since 2025-06-01 11:55:00 UTC: Threshold Crossed: 1 datapoint [3.0] was greater than or equal to the threshold (1.0)`,
      );
    });

    it('accepts INSUFFICIENT_DATA (a quiet workflow has no datapoints)', () => {
      const facts = goodFacts();
      facts.alarms = facts.alarms.map((a) => ({ ...a, state: 'INSUFFICIENT_DATA' }));
      expect(evaluate(facts).ok).toBe(true);
    });

    it('fails alone when an alarm is muted, or missing, or the stack lacks its output', () => {
      expect(onlyFailing(goodFacts({ mutedAlarms: [`${STACK_NAME}-errors`] }), 'no-alarms').evidence).toBe(
        `${STACK_NAME}-errors is muted: a muted alarm cannot stop a bad promotion`,
      );
      const missing = goodFacts();
      missing.alarms = missing.alarms.slice(1);
      expect(onlyFailing(missing, 'no-alarms').evidence).toBe(`${STACK_NAME}-errors not found`);
      const stack = goodStack();
      delete stack.outputs.ExecutionThrottledAlarmName;
      expect(onlyFailing(goodFacts({ stack }), 'no-alarms').evidence).toBe('the stack has no ExecutionThrottledAlarmName output');
    });
  });

  describe('recent dry runs', () => {
    it('fails alone when one of the last three failed, naming it', () => {
      const runs = goodRuns();
      runs[2] = run(1, 30, { status: 'FAILED', plan: undefined, error: 'S3.InternalErrorException' });
      expect(onlyFailing(goodFacts({ executions: runs }), 'recent-dry-runs').evidence).toBe(
        '2 of the last 3 succeeded: 2025-06-01 11:30:00 UTC FAILED (S3.InternalErrorException)',
      );
    });

    it('fails alone when there are too few since the stack last changed (older ones prove an older configuration)', () => {
      const runs = [run(3, 10), run(2, 20), run(1, 200)];
      expect(onlyFailing(goodFacts({ executions: runs }), 'recent-dry-runs').evidence).toBe(
        '2 finished dry runs since the stack last changed (2025-06-01 10:00:00 UTC); 3 needed',
      );
    });

    it('fails alone when the newest is older than the maximum age', () => {
      const stack = goodStack({ updatedAt: '2025-06-01T08:00:00.000Z' });
      const runs = [run(3, 80), run(2, 90), run(1, 100)];
      const facts = goodFacts({ stack, executions: runs, alignment: alignment(runs[0]!.arn) });
      expect(onlyFailing(facts, 'recent-dry-runs').evidence).toBe(
        'the newest dry run finished 79 min ago; it must be under 60 min old',
      );
    });

    it('counts what the settings ask for, ignores running executions and apply runs', () => {
      const runs = [
        run(9, 1, { status: 'RUNNING', plan: undefined, stoppedAt: undefined }),
        run(8, 5, { plan: plan({ dryRun: false, mode: 'apply' }) }),
        ...goodRuns(),
      ];
      const facts = goodFacts({ executions: runs, alignment: alignment(goodRuns()[0]!.arn) });
      expect(evaluate(facts).ok).toBe(true);
      expect(onlyFailing(facts, 'recent-dry-runs', { ...SETTINGS, requiredDryRuns: 4 }).evidence).toMatch(
        /^3 finished dry runs .*; 4 needed$/,
      );
    });
  });

  describe('prechecks read', () => {
    it('fails alone when the latest plan skipped a protected bucket or table', () => {
      const executions = goodRuns();
      executions[0] = run(3, 10, { plan: plan({ buckets: [plan().buckets[0]!] }) });
      expect(onlyFailing(goodFacts({ executions }), 'prechecks-read').evidence).toBe(
        'the dry run of 2025-06-01 11:50:00 UTC did not read bucket scratch',
      );
      const tables = goodStack({ parameters: { ...goodStack().parameters, ProtectedTableNames: 'orders, sessions' } });
      expect(onlyFailing(goodFacts({ stack: tables }), 'prechecks-read').evidence).toBe(
        'the dry run of 2025-06-01 11:50:00 UTC did not read table sessions',
      );
    });

    it('says apply changes nothing when all are compliant', () => {
      const compliant = plan({
        buckets: [
          { name: 'assets', state: 'Enabled', compliant: true, action: 'none' },
          { name: 'scratch', state: 'Enabled', compliant: true, action: 'none' },
        ],
        tables: [{ name: 'orders', state: 'ENABLED', compliant: true, action: 'none' }],
      });
      const executions = [run(3, 10, { plan: compliant }), run(2, 20), run(1, 30)];
      expect(evaluate(goodFacts({ executions })).items.find((i) => i.id === 'prechecks-read')?.evidence).toMatch(
        /apply would change nothing \(all compliant\)$/,
      );
    });
  });

  it('without any dry run, the items that need one fail and say so', () => {
    const preflight = evaluate(goodFacts({ executions: [], alignment: null }));
    expect(preflight.items.filter((item) => !item.ok).map((item) => [item.id, item.evidence])).toEqual([
      ['role-aligned', 'TargetRoleName TapStackTarget; no dry run since the stack last changed to show which account it reaches'],
      ['recent-dry-runs', '0 finished dry runs since the stack last changed (2025-06-01 10:00:00 UTC); 3 needed'],
      ['prechecks-read', 'no dry run since the stack last changed'],
    ]);
  });
});

describe('withoutExplained', () => {
  it('drops the items a running change set explains (settled, mode) and judges the rest', () => {
    const preflight = evaluate(
      goodFacts({ stack: goodStack({ status: 'UPDATE_IN_PROGRESS', parameters: { ...goodStack().parameters, Mode: 'apply' } }) }),
    );
    expect(preflight.ok).toBe(false);
    const rest = withoutExplained(preflight);
    expect(rest.ok).toBe(true);
    expect(rest.items.map((item) => item.id)).not.toContain('stack-settled');
  });
});

describe('selectDryRuns', () => {
  it('orders newest first whatever order the list came in', () => {
    expect(selectDryRuns([run(1, 30), run(3, 10), run(2, 20)], goodStack()).map((r) => r.name)).toEqual([
      'run-3',
      'run-2',
      'run-1',
    ]);
  });
});
