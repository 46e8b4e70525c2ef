import { describe, expect, it } from 'vitest';
import {
  buildWorkflowDefinition,
  MISALIGNED_ERROR,
  WORKFLOW_SUBSTITUTIONS,
  type AslState,
  type AslStateMachine,
} from '../lib/tap-workflow-definition';
import { validateAsl } from './asl';
import { resolveConditions, resourcesOfType, sharedTemplate, type Json } from './synth';

const cfn = sharedTemplate();

/** Every state, including those inside Parallel branches and Map processors. */
function allStates(states: Record<string, AslState>): [string, AslState][] {
  return Object.entries(states).flatMap(([name, state]) => {
    const nested = [
      ...((state.Branches as { States: Record<string, AslState> }[] | undefined) ?? []),
      ...(state.ItemProcessor ? [state.ItemProcessor as { States: Record<string, AslState> }] : []),
    ];
    return [[name, state] as [string, AslState], ...nested.flatMap((b) => allStates(b.States))];
  });
}

/** The DefinitionString as CloudFormation would produce it for the given parameters, then substituted. */
function deployedDefinition(values: Record<string, string>, substitutions: Record<string, string>): AslStateMachine {
  const resolved = resolveConditions(cfn, values);
  const props = resourcesOfType(resolved, 'AWS::StepFunctions::StateMachine')[0]?.[1].Properties ?? {};
  const join = (props.DefinitionString as { 'Fn::Join': [string, Json[]] })['Fn::Join'];
  let text = join[1].map(String).join(join[0]);
  for (const [name, value] of Object.entries(substitutions)) text = text.replaceAll(`\${${name}}`, value);
  return JSON.parse(text) as AslStateMachine;
}

const SAMPLE = {
  Mode: 'dry-run',
  TargetAccountId: '123456789012',
  TargetRoleArn: 'arn:aws:iam::123456789012:role/TapPreChecks',
  ProtectedBucketNames: 'tap-data',
  ProtectedTableNames: 'Orders',
};

describe('workflow definition (ASL)', () => {
  it.each([true, false])('validates with asl-validator (withTargetRole=%s)', (withTargetRole) => {
    const result = validateAsl(buildWorkflowDefinition({ withTargetRole }));
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('asl-validator is not vacuous: a dangling Next is refused', () => {
    const definition = buildWorkflowDefinition({ withTargetRole: false });
    const broken = { ...definition, States: { ...definition.States, UseDryRun: { Type: 'Pass', Next: 'Nowhere' } } };
    expect(validateAsl(broken).isValid).toBe(false);
  });

  it.each([
    ['with a target role', { TargetRoleName: 'TapPreChecks', TargetAccountId: '123456789012' }, true],
    ['without a target role', {}, false],
  ])(
    'the definition CloudFormation deploys %s parses, validates, and has Credentials on every Task iff set',
    (_, values, expectCredentials) => {
      const definition = deployedDefinition(values, SAMPLE);
      expect(validateAsl(definition).isValid).toBe(true);
      const tasks = allStates(definition.States).filter(([, s]) => s.Type === 'Task');
      expect(tasks.length).toBe(5);
      for (const [, task] of tasks) {
        if (expectCredentials) expect(task.Credentials).toEqual({ RoleArn: SAMPLE.TargetRoleArn });
        else expect(task).not.toHaveProperty('Credentials');
      }
    },
  );

  it('uses every substitution the stack provides, and only those', () => {
    const text = JSON.stringify(buildWorkflowDefinition({ withTargetRole: true }));
    const used = new Set([...text.matchAll(/\$\{([A-Za-z]+)\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...WORKFLOW_SUBSTITUTIONS].sort());
    const machine = resourcesOfType(cfn, 'AWS::StepFunctions::StateMachine')[0]?.[1];
    expect(Object.keys(machine?.Properties?.DefinitionSubstitutions ?? {}).sort()).toEqual([...WORKFLOW_SUBSTITUTIONS].sort());
  });

  it('forces dry-run when Mode = dry-run; in apply mode honours {"dryRun": true}', () => {
    const { States } = buildWorkflowDefinition({ withTargetRole: false });
    expect(States.Init?.Parameters).toMatchObject({ configuredMode: '${Mode}' });
    const rule = (States.DecideDryRun?.Choices as { Or: unknown[]; Next: string }[])[0];
    expect(rule?.Next).toBe('UseDryRun');
    expect(rule?.Or).toContainEqual({ Variable: '$.configuredMode', StringEquals: 'dry-run' });
    expect(JSON.stringify(rule?.Or)).toContain('"Variable":"$.request.dryRun","BooleanEquals":true');
    expect(States.UseDryRun).toMatchObject({ Result: true, ResultPath: '$.dryRun' });
  });

  it('verifies alignment with GetCallerIdentity and fails with ParametersMisaligned', () => {
    const { States } = buildWorkflowDefinition({ withTargetRole: true });
    expect(States.VerifyAlignment?.Resource).toBe('arn:aws:states:::aws-sdk:sts:getCallerIdentity');
    expect(States.CheckAlignment).toMatchObject({
      Choices: [{ Variable: '$.caller.account', StringEqualsPath: '$.targetAccountId', Next: 'RunChecks' }],
      Default: MISALIGNED_ERROR,
    });
    expect(States[MISALIGNED_ERROR]).toMatchObject({ Type: 'Fail', Error: 'ParametersMisaligned' });
    expect(States[MISALIGNED_ERROR]?.CausePath).toContain('States.Format(');
  });

  it('reads then reports ("would enable") or fixes each bucket and table', () => {
    const states = Object.fromEntries(allStates(buildWorkflowDefinition({ withTargetRole: false }).States));
    expect(states.ReadBucket?.Resource).toBe('arn:aws:states:::aws-sdk:s3:getBucketVersioning');
    expect(states.EnableBucket?.Resource).toBe('arn:aws:states:::aws-sdk:s3:putBucketVersioning');
    expect(states.ReadTable?.Resource).toBe('arn:aws:states:::aws-sdk:dynamodb:describeContinuousBackups');
    expect(states.EnableTable?.Resource).toBe('arn:aws:states:::aws-sdk:dynamodb:updateContinuousBackups');
    expect(states.BucketDryRun).toMatchObject({ Choices: [{ Next: 'BucketWouldEnable' }], Default: 'EnableBucket' });
    expect(states.TableWouldEnable?.Parameters).toMatchObject({ action: 'would-enable-pitr', compliant: false });
    expect(states.BucketEnabled?.Parameters).toMatchObject({ action: 'enabled-versioning' });
    expect(states.Plan?.Parameters).toEqual({
      'account.$': '$.caller.account',
      'mode.$': '$.configuredMode',
      'dryRun.$': '$.dryRun',
      'buckets.$': '$.checks.buckets',
      'tables.$': '$.checks.tables',
    });
  });

  it('retries throttling with backoff on every Task and ends any failure in a Fail state with error and cause', () => {
    const { States } = buildWorkflowDefinition({ withTargetRole: false });
    for (const [name, task] of allStates(States).filter(([, s]) => s.Type === 'Task')) {
      const [retry] = task.Retry as { ErrorEquals: string[]; BackoffRate: number; MaxAttempts: number }[];
      expect(
        retry?.ErrorEquals.some((e) => /Throttl|SlowDown|LimitExceeded/.test(e)),
        name,
      ).toBe(true);
      expect(retry?.BackoffRate).toBeGreaterThan(1);
    }
    for (const name of ['VerifyAlignment', 'RunChecks']) {
      expect(States[name]?.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'WorkflowFailed' }]);
    }
    expect(States.WorkflowFailed).toEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });
});
