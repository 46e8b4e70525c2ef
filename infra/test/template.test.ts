import { Match, Template } from 'aws-cdk-lib/assertions';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { sharedTemplate } from './synth';

const cfn = sharedTemplate();
const template = Template.fromJSON(cfn);

/** What CloudFormation does with a parameter value: AllowedValues, then AllowedPattern (whole value). */
function accepts(name: string, value: string): boolean {
  const p = cfn.Parameters[name];
  if (!p) throw new Error(`no parameter ${name}`);
  if (p.AllowedValues && !p.AllowedValues.includes(value)) return false;
  return p.AllowedPattern === undefined || new RegExp(p.AllowedPattern).test(value);
}

// The CLI sends LegacyStackSynthesizer templates inline (YAML), where CloudFormation's limit is 51,200 bytes.
const INLINE_LIMIT = 51_200;

describe('template', () => {
  it('fits the inline TemplateBody limit (51,200 bytes) as the CLI sends it and as JSON', () => {
    const yamlBytes = Buffer.byteLength(stringify(template.toJSON()));
    const jsonBytes = Buffer.byteLength(JSON.stringify(template.toJSON(), null, 1));
    expect(yamlBytes).toBeLessThan(INLINE_LIMIT);
    expect(jsonBytes).toBeLessThan(INLINE_LIMIT);
  });

  it('uses only resource types localaws provisions', () => {
    const allowed = new Set([
      'AWS::KMS::Key',
      'AWS::KMS::Alias',
      'AWS::Logs::LogGroup',
      'AWS::Logs::MetricFilter',
      'AWS::CloudWatch::Alarm',
      'AWS::IAM::Role',
      'AWS::IAM::Policy',
      'AWS::IAM::ManagedPolicy',
      'AWS::StepFunctions::StateMachine',
      'AWS::CDK::Metadata',
      'AWS::SNS::Topic',
    ]);
    expect(
      Object.values(cfn.Resources)
        .map((r) => r.Type)
        .filter((t) => !allowed.has(t)),
    ).toEqual([]);
  });

  it('is environment-agnostic: no account or region written in', () => {
    const text = JSON.stringify(cfn.Resources);
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).not.toMatch(/\b(us|eu|ap|sa|ca|me|af)-[a-z]+-\d\b/);
    expect(text).toContain('logs.${AWS::Region}.amazonaws.com');
  });

  it("declares the issue's parameters with their defaults", () => {
    expect(Object.keys(cfn.Parameters).sort()).toEqual([
      'AlarmTopicArn',
      'EnableCmk',
      'EnvironmentSuffix',
      'ErrorThreshold',
      'Mode',
      'ProtectedBucketNames',
      'ProtectedTableNames',
      'TargetAccountId',
      'TargetRoleName',
      'ThrottleThreshold',
    ]);
    template.hasParameter('Mode', { Default: 'dry-run', AllowedValues: ['dry-run', 'apply'] });
    template.hasParameter('EnableCmk', { Default: 'true' });
    template.hasParameter('EnvironmentSuffix', { Default: 'test' });
  });

  it.each([
    ['TargetAccountId', '12345678901', false], // 11 digits
    ['TargetAccountId', '1234567890123', false],
    ['TargetAccountId', '12345678901a', false],
    ['TargetAccountId', '123456789012', true],
    ['TargetAccountId', '', true],
    ['Mode', 'apply-all', false],
    ['Mode', 'Apply', false],
    ['Mode', 'apply', true],
    ['EnableCmk', 'yes', false],
    ['EnvironmentSuffix', 'Prod', false],
    ['EnvironmentSuffix', 'prod_1', false],
    ['EnvironmentSuffix', 'a-very-long-suffix-indeed', false],
    ['EnvironmentSuffix', 'pr-42', true],
    ['TargetRoleName', 'role with spaces', false],
    ['TargetRoleName', 'TapPreChecks', true],
    ['ProtectedBucketNames', 'a b', false],
    ['ProtectedBucketNames', 'tap-data, tap-logs', false],
    ['ProtectedBucketNames', 'tap-data,tap-logs', true],
    ['ProtectedTableNames', 'Orders,Users', true],
    ['ProtectedTableNames', 'Orders;Users', false],
    ['AlarmTopicArn', 'not-an-arn', false],
    ['AlarmTopicArn', 'arn:aws:sns:eu-west-1:123456789012:tap-alarms', true],
  ])("parameter %s = %j is %s by the template's own constraints", (name, value, ok) => {
    expect(accepts(name, value)).toBe(ok);
  });

  it('rejects thresholds below 1 (MinValue)', () => {
    template.hasParameter('ErrorThreshold', { Type: 'Number', MinValue: 1 });
    template.hasParameter('ThrottleThreshold', { Type: 'Number', MinValue: 1 });
  });

  it('has the outputs the dashboard reads', () => {
    for (const name of [
      'StateMachineArn',
      'LogGroupName',
      'LogGroupArn',
      'CmkArn',
      'ErrorsAlarmName',
      'ThrottlesAlarmName',
      'ExecutionsFailedAlarmName',
      'ExecutionThrottledAlarmName',
      'ActiveMode',
      'TapdeckReadOnlyPolicyArn',
      'TapdeckPromotionPolicyArn',
    ])
      template.hasOutput(name, {});
    template.hasOutput('CmkArn', { Condition: 'UseCmk' });
  });

  it('has a STANDARD state machine logging ALL with execution data to the vendedlogs group', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/vendedlogs/states/TapStack-', { Ref: 'EnvironmentSuffix' }]] },
      RetentionInDays: Match.anyValue(),
    });
  });

  it('has Errors and Throttles metric filters in TapStack/<suffix> and four alarms with threshold parameters', () => {
    const namespace = { 'Fn::Join': ['', ['TapStack/', { Ref: 'EnvironmentSuffix' }]] };
    for (const metric of ['Errors', 'Throttles']) {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        MetricTransformations: [Match.objectLike({ MetricName: metric, MetricNamespace: namespace })],
      });
    }
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: { Ref: 'ErrorThreshold' } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Throttles',
      Threshold: { Ref: 'ThrottleThreshold' },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', MetricName: 'ExecutionsFailed' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', MetricName: 'ExecutionThrottled' });
  });

  it('exports tapdeck policies: read-only without writes; promotion limited to tapdeck-promote- change sets', () => {
    const policies = Object.values(cfn.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
    expect(policies).toHaveLength(2);
    const readOnly = JSON.stringify(policies.find((p) => String(p.Properties?.Description).includes('view')));
    expect(readOnly).not.toMatch(/Create|Execute|Update|Put|Delete|Tag|Start/);
    const promotion = JSON.stringify(policies.find((p) => String(p.Properties?.Description).includes('promote')));
    expect(promotion).toContain('cloudformation:CreateChangeSet');
    expect(promotion).toContain('cloudformation:ExecuteChangeSet');
    expect(promotion).toContain('tapdeck-promote-*');
    expect(promotion).toContain('"Effect":"Deny"');
  });
});
