/** Template reading and evaluation, without a server. */
import { describe, expect, it } from 'vitest';
import { evaluate, type EvalScope } from '../src/services/cloudformation/intrinsics';
import { buildPlan } from '../src/services/cloudformation/plan';
import { parseTemplateBody } from '../src/services/cloudformation/template';

const plan = (templateBody: string, parameters: Array<{ ParameterKey: string; ParameterValue: string }> = []) =>
  buildPlan({
    templateBody,
    parameters,
    capabilities: ['CAPABILITY_IAM'],
    account: '111122223333',
    region: 'eu-west-1',
    stackName: 's',
    stackId: 'arn:s',
    importValue: () => undefined,
  });

describe('template', () => {
  it('reads short-form YAML tags into their long forms', () => {
    const t = parseTemplateBody(
      'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      X: !GetAtt B.Arn.Deep\n      Y: !Sub ["${v}", {v: !Ref P}]\n      Z: !If [C, !Base64 abc, !Ref "AWS::NoValue"]\n',
    );
    expect(t.Resources.A?.Properties).toEqual({
      X: { 'Fn::GetAtt': ['B', 'Arn.Deep'] },
      Y: { 'Fn::Sub': ['${v}', { v: { Ref: 'P' } }] },
      Z: { 'Fn::If': ['C', { 'Fn::Base64': 'abc' }, { Ref: 'AWS::NoValue' }] },
    });
  });

  it('refuses malformed YAML and missing Resources with template format errors', () => {
    expect(() => parseTemplateBody('Resources: [unclosed')).toThrow(/^Template format error: YAML not well-formed/);
    expect(() => parseTemplateBody('{"Parameters": {}}')).toThrow(
      'Template format error: At least one Resources member must be defined.',
    );
  });

  it('orders by Ref, GetAtt, Sub and DependsOn, following only the Fn::If branch taken', () => {
    const p = plan(
      JSON.stringify({
        Parameters: { On: { Type: 'String', Default: 'no' } },
        Conditions: { IsOn: { 'Fn::Equals': [{ Ref: 'On' }, 'yes'] } },
        Resources: {
          Key: { Type: 'AWS::KMS::Key', Condition: 'IsOn' },
          Group: {
            Type: 'AWS::Logs::LogGroup',
            Properties: { KmsKeyId: { 'Fn::If': ['IsOn', { 'Fn::GetAtt': ['Key', 'Arn'] }, { Ref: 'AWS::NoValue' }] } },
          },
          Filter: { Type: 'AWS::Logs::MetricFilter', Properties: { LogGroupName: { 'Fn::Sub': '${Group}' } } },
          Alarm: { Type: 'AWS::CloudWatch::Alarm', DependsOn: ['Filter'] },
        },
      }),
    );
    expect(Object.keys(p.resources)).toEqual(['Group', 'Filter', 'Alarm']);
    expect(p.dependencies).toEqual({ Group: [], Filter: ['Group'], Alarm: ['Filter'] });
  });

  it('refuses circular dependencies', () => {
    const body = JSON.stringify({
      Resources: { A: { Type: 'AWS::SNS::Topic', DependsOn: 'B' }, B: { Type: 'AWS::SNS::Topic', DependsOn: 'A' } },
    });
    expect(() => plan(body)).toThrow('Template format error: Circular dependency between resources: [A, B]');
  });

  it('evaluates intrinsics against parameters, pseudo parameters and resources', () => {
    const scope: EvalScope = {
      template: { Resources: {}, Mappings: { M: { eu: { Size: 'large' } } } },
      values: { Env: 'dev', List: ['a', 'b'], 'AWS::Region': 'eu-west-1' },
      region: 'eu-west-1',
      resource: (id) => (id === 'Key' ? { ref: 'k-1', attributes: { Arn: 'arn:k-1' } } : undefined),
      importValue: (name) => (name === 'shared' ? 'v' : undefined),
    };
    expect(evaluate({ 'Fn::Sub': '${Env}-${Key}-${Key.Arn}-${!Literal}-${AWS::Region}' }, scope)).toBe(
      'dev-k-1-arn:k-1-${Literal}-eu-west-1',
    );
    expect(evaluate({ 'Fn::Join': [',', { Ref: 'List' }] }, scope)).toBe('a,b');
    expect(evaluate({ 'Fn::Select': ['2', { 'Fn::GetAZs': '' }] }, scope)).toBe('eu-west-1c');
    expect(evaluate({ 'Fn::FindInMap': ['M', 'eu', 'Size'] }, scope)).toBe('large');
    expect(evaluate({ 'Fn::ImportValue': 'shared' }, scope)).toBe('v');
    expect(evaluate({ a: { Ref: 'AWS::NoValue' }, b: [1, { Ref: 'AWS::NoValue' }] }, scope)).toEqual({ b: [1] });
  });

  it('checks numeric parameter bounds and masks NoEcho', () => {
    const body = JSON.stringify({
      Parameters: { N: { Type: 'Number', MinValue: 2 }, S: { Type: 'String', NoEcho: true } },
      Resources: { T: { Type: 'AWS::SNS::Topic' } },
    });
    expect(() =>
      plan(body, [
        { ParameterKey: 'N', ParameterValue: '1' },
        { ParameterKey: 'S', ParameterValue: 'x' },
      ]),
    ).toThrow("Parameter 'N' must be a number not less than 2");
    expect(() =>
      plan(body, [
        { ParameterKey: 'N', ParameterValue: 'x' },
        { ParameterKey: 'S', ParameterValue: 'x' },
      ]),
    ).toThrow("Parameter 'N' must be a number");
    const ok = plan(body, [
      { ParameterKey: 'N', ParameterValue: '3' },
      { ParameterKey: 'S', ParameterValue: 'secret' },
    ]);
    expect(ok.parameters.noEcho.has('S')).toBe(true);
  });
});
