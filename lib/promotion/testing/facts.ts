import type { AlarmSummary } from '@/lib/alarms/types';
import type { CmkBinding } from '@/lib/cmk/types';
import type { ExecutionSummary, PrecheckPlan } from '@/lib/executions/types';
import type { StackSummary } from '@/lib/rollout/types';
import type { PreflightFacts, PreflightSettings } from '../preflight';
import type { AlignmentEvidence } from '../types';

/** Facts that pass every preflight item, for tests that break one thing at a time. */
export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const SETTINGS: PreflightSettings = { requiredDryRuns: 3, maxDryRunAgeMs: 60 * 60_000 };

export const STACK_NAME = 'TapStack-dev';
export const STACK_ID = `arn:aws:cloudformation:us-east-1:000000000000:stack/${STACK_NAME}/0b1c2d3e`;
export const TARGET = '111111111111';
export const ROLE = 'TapStackTarget';
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

export function goodStack(overrides: Partial<StackSummary> = {}): StackSummary {
  return {
    stackId: STACK_ID,
    name: STACK_NAME,
    status: 'UPDATE_COMPLETE',
    createdAt: minutesAgo(600),
    updatedAt: minutesAgo(120),
    parameters: {
      Mode: 'dry-run',
      EnableCmk: 'true',
      TargetAccountId: TARGET,
      TargetRoleName: ROLE,
      ProtectedBucketNames: 'assets,scratch',
      ProtectedTableNames: 'orders',
      EnvironmentSuffix: 'dev',
    },
    outputs: {
      StateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${STACK_NAME}`,
      LogGroupName: `/aws/vendedlogs/states/${STACK_NAME}`,
      ErrorsAlarmName: `${STACK_NAME}-errors`,
      ThrottlesAlarmName: `${STACK_NAME}-throttles`,
      ExecutionsFailedAlarmName: `${STACK_NAME}-executions-failed`,
      ExecutionThrottledAlarmName: `${STACK_NAME}-execution-throttled`,
    },
    ...overrides,
  };
}

export function alarm(name: string, state: AlarmSummary['state'] = 'OK'): AlarmSummary {
  return {
    name,
    arn: `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`,
    state,
    stateReason:
      state === 'ALARM' ? 'Threshold Crossed: 1 datapoint [3.0] was greater than or equal to the threshold (1.0).' : 'fine',
    stateUpdatedAt: minutesAgo(5),
    dimensions: [],
    actionsEnabled: true,
  };
}

export const plan = (overrides: Partial<PrecheckPlan> = {}): PrecheckPlan => ({
  account: TARGET,
  mode: 'dry-run',
  dryRun: true,
  buckets: [
    { name: 'assets', state: 'Enabled', compliant: true, action: 'none' },
    { name: 'scratch', state: 'Disabled', compliant: false, action: 'would-enable-versioning' },
  ],
  tables: [{ name: 'orders', state: 'DISABLED', compliant: false, action: 'would-enable-pitr' }],
  ...overrides,
});

export function run(n: number, startedMinutesAgo: number, overrides: Partial<ExecutionSummary> = {}): ExecutionSummary {
  return {
    arn: `arn:aws:states:us-east-1:000000000000:execution:${STACK_NAME}:run-${n}`,
    name: `run-${n}`,
    status: 'SUCCEEDED',
    startedAt: minutesAgo(startedMinutesAgo),
    stoppedAt: minutesAgo(startedMinutesAgo - 1),
    plan: plan(),
    ...overrides,
  };
}

export const goodRuns = (): ExecutionSummary[] => [run(3, 10), run(2, 20), run(1, 30)];

export function alignment(executionArn: string, overrides: Partial<AlignmentEvidence> = {}): AlignmentEvidence {
  return {
    executionArn,
    callerArn: `arn:aws:sts::${TARGET}:assumed-role/${ROLE}/1717243200000`,
    callerAccount: TARGET,
    taskRoleArn: `arn:aws:iam::${TARGET}:role/${ROLE}`,
    ...overrides,
  };
}

export function boundCmk(overrides: Partial<Extract<CmkBinding, { kind: 'bound' }>> = {}): CmkBinding {
  return {
    kind: 'bound',
    logGroupName: `/aws/vendedlogs/states/${STACK_NAME}`,
    logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/${STACK_NAME}`,
    key: {
      keyId: '1234abcd',
      arn: 'arn:aws:kms:us-east-1:000000000000:key/1234abcd',
      state: 'Enabled',
      rotation: true,
      aliases: [],
    },
    checks: [
      { id: 'logs-principal', ok: true, label: 'Logs principal allowed' },
      { id: 'logs-actions', ok: true, label: 'Logs actions allowed' },
      { id: 'encryption-context', ok: true, label: 'Scoped to the log group' },
    ],
    ...overrides,
  };
}

export function goodFacts(overrides: Partial<PreflightFacts> = {}): PreflightFacts {
  const stack = overrides.stack ?? goodStack();
  const executions = overrides.executions ?? goodRuns();
  return {
    stack,
    alarms: Object.entries(stack.outputs)
      .filter(([key]) => key.endsWith('AlarmName'))
      .map(([, name]) => alarm(name)),
    executions,
    alignment: executions[0] ? alignment(executions[0].arn) : null,
    cmk: boundCmk(),
    mutedAlarms: [],
    ...overrides,
  };
}
