import { describe, expect, it } from 'vitest';
import { READ_ACTIONS, WRITE_ACTIONS } from '../lib/tap-workflow';
import { resolveConditions, resourcesOfType, sharedTemplate, type CfnTemplate, type Json } from './synth';

const cfn = sharedTemplate();
const resolve = (values: Record<string, string>) => resolveConditions(cfn, values);

/** Every Allow action of the workflow role, per inline policy statement. */
function roleActions(t: CfnTemplate): string[] {
  const [[, role] = ['', undefined]] = resourcesOfType(t, 'AWS::IAM::Role');
  const text = JSON.stringify(role?.Properties?.Policies ?? []);
  return [...text.matchAll(/"((?:s3|dynamodb|sts|logs):[A-Za-z]+)"/g)].map((m) => m[1] ?? '');
}

/** Refs and GetAtts naming resources that do not exist (what CloudFormation would reject). */
function danglingReferences(t: CfnTemplate): string[] {
  const found: string[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const ref = typeof v.Ref === 'string' ? v.Ref : undefined;
    const getAtt = Array.isArray(v['Fn::GetAtt']) ? String(v['Fn::GetAtt'][0]) : undefined;
    for (const name of [ref, getAtt]) {
      if (name && !name.startsWith('AWS::') && !t.Resources[name] && !t.Parameters[name]) found.push(name);
    }
    Object.values(v).forEach(walk);
  };
  walk(t.Resources as unknown as Json);
  walk(t.Outputs as unknown as Json);
  return found;
}

describe('with and without the CMK', () => {
  it('EnableCmk=true (default): key with rotation, alias, the log group encrypted with it, CmkArn output', () => {
    const t = resolve({});
    const [[keyId, key] = ['', undefined]] = resourcesOfType(t, 'AWS::KMS::Key');
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    expect(resourcesOfType(t, 'AWS::KMS::Alias')).toHaveLength(1);
    const [[, logGroup] = ['', undefined]] = resourcesOfType(t, 'AWS::Logs::LogGroup');
    expect(logGroup?.Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(t.Outputs.CmkArn).toBeDefined();
    expect(danglingReferences(t)).toEqual([]);
  });

  it('EnableCmk=false: no key, no alias, an unencrypted log group, no CmkArn, nothing dangling', () => {
    const t = resolve({ EnableCmk: 'false' });
    expect(resourcesOfType(t, 'AWS::KMS::Key')).toHaveLength(0);
    expect(resourcesOfType(t, 'AWS::KMS::Alias')).toHaveLength(0);
    const [[, logGroup] = ['', undefined]] = resourcesOfType(t, 'AWS::Logs::LogGroup');
    expect(logGroup?.Properties).not.toHaveProperty('KmsKeyId');
    expect(t.Outputs.CmkArn).toBeUndefined();
    // Nothing may point at the absent key: no reference to it and no statement naming it.
    expect(JSON.stringify(t.Resources)).not.toMatch(/LogCmkKey/);
    expect(danglingReferences(t)).toEqual([]);
  });

  it('the key and alias carry the UseCmk condition, which is EnableCmk = true', () => {
    expect(cfn.Conditions.UseCmk).toEqual({ 'Fn::Equals': [{ Ref: 'EnableCmk' }, 'true'] });
    for (const type of ['AWS::KMS::Key', 'AWS::KMS::Alias']) {
      expect(resourcesOfType(cfn, type).map(([, r]) => r.Condition)).toEqual(['UseCmk']);
    }
  });
});

describe('dry-run vs apply permissions', () => {
  const targets = { ProtectedBucketNames: 'tap-data,tap-logs', ProtectedTableNames: 'Orders' };

  it('dry-run: read actions and log delivery only, no write actions', () => {
    const actions = roleActions(resolve({ ...targets, Mode: 'dry-run' }));
    expect(actions).toEqual(expect.arrayContaining([READ_ACTIONS.buckets, READ_ACTIONS.tables, 'logs:CreateLogDelivery']));
    expect(actions).not.toContain(WRITE_ACTIONS.buckets);
    expect(actions).not.toContain(WRITE_ACTIONS.tables);
  });

  it('apply: adds PutBucketVersioning and UpdateContinuousBackups', () => {
    const actions = roleActions(resolve({ ...targets, Mode: 'apply' }));
    expect(actions).toEqual(expect.arrayContaining([WRITE_ACTIONS.buckets, WRITE_ACTIONS.tables, READ_ACTIONS.buckets]));
  });

  it('apply without protected names grants no writes (nothing to fix)', () => {
    const actions = roleActions(resolve({ Mode: 'apply' }));
    expect(actions).not.toContain(WRITE_ACTIONS.buckets);
    expect(actions).not.toContain(WRITE_ACTIONS.tables);
    expect(actions).toContain(READ_ACTIONS.buckets);
  });

  it('sts:AssumeRole on the target role only when TargetRoleName is set', () => {
    expect(roleActions(resolve({}))).not.toContain('sts:AssumeRole');
    const t = resolve({ TargetAccountId: '123456789012', TargetRoleName: 'TapPreChecks' });
    expect(roleActions(t)).toContain('sts:AssumeRole');
    const role = resourcesOfType(t, 'AWS::IAM::Role')[0]?.[1];
    expect(JSON.stringify(role?.Properties?.Policies)).toContain(':role/${RoleName}');
    expect(JSON.stringify(role?.Properties?.Policies)).toContain('"Account":"123456789012"');
  });

  it('the role trusts states.amazonaws.com from this account only', () => {
    const role = resourcesOfType(cfn, 'AWS::IAM::Role')[0]?.[1];
    expect(role?.Properties?.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Principal: { Service: 'states.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
  });

  it('Mode reaches the workflow through DefinitionSubstitutions (a promotion needs no new template)', () => {
    const machine = resourcesOfType(resolve({ Mode: 'apply' }), 'AWS::StepFunctions::StateMachine')[0]?.[1];
    expect(machine?.Properties?.DefinitionSubstitutions).toMatchObject({ Mode: 'apply' });
  });
});

describe('alarm actions', () => {
  it('go to AlarmTopicArn only when it is given', () => {
    const alarmsOf = (t: CfnTemplate) => resourcesOfType(t, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    expect(alarmsOf(resolve({})).every((p) => p?.AlarmActions === undefined)).toBe(true);
    const topic = 'arn:aws:sns:us-east-1:123456789012:tap-alarms';
    const withTopic = alarmsOf(resolve({ AlarmTopicArn: topic }));
    expect(withTopic).toHaveLength(4);
    expect(withTopic.every((p) => JSON.stringify(p?.AlarmActions) === JSON.stringify([topic]))).toBe(true);
  });
});
