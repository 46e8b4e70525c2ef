/**
 * The static proof that a promotion (a change set on the previous template that changes only `Mode`) touches
 * nothing but the state machine and the workflow role: no other resource refers to the Mode parameter, directly
 * (`Ref`, `${Mode}` in Fn::Sub) or through a condition derived from it (IsApply, ApplyToBuckets, ApplyToTables)
 * in an Fn::If or a resource Condition. Outputs (ActiveMode) are not resources and may refer to it.
 * deploy-localaws.test.ts checks the same on a real change set.
 */
import { describe, expect, it } from 'vitest';
import { resourcesOfType, sharedTemplate, type CfnTemplate, type Json } from './synth';

const cfn = sharedTemplate();

/** Conditions whose value depends on Mode, directly or through other conditions. */
function modeConditions(t: CfnTemplate): Set<string> {
  const dependent = new Set<string>();
  const dependsOnMode = (expr: Json): boolean => {
    if (Array.isArray(expr)) return expr.some(dependsOnMode);
    if (!expr || typeof expr !== 'object') return false;
    if (expr.Ref === 'Mode') return true;
    if (typeof expr.Condition === 'string' && dependent.has(expr.Condition)) return true;
    return Object.values(expr).some(dependsOnMode);
  };
  // Fixed point: a condition may refer to one declared after it.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, expr] of Object.entries(t.Conditions)) {
      if (!dependent.has(name) && dependsOnMode(expr)) {
        dependent.add(name);
        grew = true;
      }
    }
  }
  return dependent;
}

/** `${Name}` references of an Fn::Sub string (not `${!Literal}`), minus the names its variable map defines. */
function subReferences(sub: Json): string[] {
  const [text, vars] = Array.isArray(sub) ? sub : [sub, {}];
  if (typeof text !== 'string') return [];
  const defined = vars && typeof vars === 'object' && !Array.isArray(vars) ? Object.keys(vars) : [];
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => m[1] ?? '').filter((n) => !defined.includes(n));
}

/** Where `node` refers to Mode or to one of `conditions`: a list of JSON paths (empty when it does not). */
function modeReferences(node: Json, conditions: Set<string>, at = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => modeReferences(v, conditions, `${at}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const found: string[] = [];
  if (node.Ref === 'Mode') found.push(`${at} Ref Mode`);
  if ('Fn::Sub' in node && subReferences(node['Fn::Sub'] ?? null).includes('Mode')) found.push(`${at} Fn::Sub \${Mode}`);
  const ifArgs = node['Fn::If'];
  if (Array.isArray(ifArgs) && typeof ifArgs[0] === 'string' && conditions.has(ifArgs[0])) {
    found.push(`${at} Fn::If ${ifArgs[0]}`);
  }
  // A resource's own Condition (IAM statement Conditions are objects, so only strings count).
  if (typeof node.Condition === 'string' && conditions.has(node.Condition)) found.push(`${at} Condition ${node.Condition}`);
  for (const [key, value] of Object.entries(node)) found.push(...modeReferences(value, conditions, `${at}.${key}`));
  return found;
}

/** Logical IDs of the resources that refer to Mode, each with where. */
function resourcesReferringToMode(t: CfnTemplate): Map<string, string[]> {
  const conditions = modeConditions(t);
  const refs = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(t.Resources)) {
    const found = modeReferences(resource as unknown as Json, conditions);
    if (found.length > 0) refs.set(id, found);
  }
  return refs;
}

/** The state machine, its role and any AWS::IAM::Policy attached to that role: what a promotion may change. */
function promotionScope(t: CfnTemplate): Set<string> {
  const machines = resourcesOfType(t, 'AWS::StepFunctions::StateMachine');
  expect(machines).toHaveLength(1);
  const [machineId, machine] = machines[0] ?? ['', undefined];
  const roleArn = machine?.Properties?.RoleArn;
  const getAtt = roleArn && typeof roleArn === 'object' && !Array.isArray(roleArn) ? roleArn['Fn::GetAtt'] : undefined;
  const roleId = Array.isArray(getAtt) ? String(getAtt[0]) : '';
  expect(t.Resources[roleId]?.Type).toBe('AWS::IAM::Role');
  const rolePolicies = resourcesOfType(t, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties?.Roles ?? []).includes(JSON.stringify({ Ref: roleId })))
    .map(([id]) => id);
  return new Set([machineId, roleId, ...rolePolicies]);
}

describe('promotion scope (a Mode-only change touches the state machine and the workflow role only)', () => {
  it('derives IsApply, ApplyToBuckets and ApplyToTables as the Mode-dependent conditions', () => {
    expect([...modeConditions(cfn)].sort()).toEqual(['ApplyToBuckets', 'ApplyToTables', 'IsApply']);
  });

  it('no resource but the state machine and the workflow role/policy refers to Mode or its conditions', () => {
    const refs = resourcesReferringToMode(cfn);
    const scope = promotionScope(cfn);
    const outside = [...refs].filter(([id]) => !scope.has(id));
    expect(outside).toEqual([]);
    // Mode reaches the definition through DefinitionSubstitutions and the role through Fn::If on ApplyTo*.
    const machineId = resourcesOfType(cfn, 'AWS::StepFunctions::StateMachine')[0]?.[0] ?? '';
    expect(refs.get(machineId)).toEqual(['$.Properties.DefinitionSubstitutions.Mode Ref Mode']);
    const roleRefs = [...refs]
      .filter(([id]) => cfn.Resources[id]?.Type !== 'AWS::StepFunctions::StateMachine')
      .flatMap(([, r]) => r);
    expect(roleRefs.some((r) => r.endsWith('Fn::If ApplyToBuckets'))).toBe(true);
    expect(roleRefs.some((r) => r.endsWith('Fn::If ApplyToTables'))).toBe(true);
  });

  it('the key and the alarms are tagged with Name and EnvironmentSuffix only', () => {
    for (const type of ['AWS::KMS::Key', 'AWS::CloudWatch::Alarm']) {
      const tagged = resourcesOfType(cfn, type);
      expect(tagged.length).toBeGreaterThan(0);
      for (const [id, r] of tagged) {
        const keys = (r.Properties?.Tags as { Key: string }[] | undefined)?.map((tag) => tag.Key).sort();
        expect(keys, id).toEqual(['EnvironmentSuffix', 'Name']);
      }
    }
  });

  it('the promotion policy grants no KMS or CloudWatch alarm writes (nothing there for a promotion to change)', () => {
    const [, promotion] =
      resourcesOfType(cfn, 'AWS::IAM::ManagedPolicy').find(([, p]) => String(p.Properties?.Description).includes('promote')) ??
      [];
    const text = JSON.stringify(promotion?.Properties?.PolicyDocument);
    expect(text).toContain('states:UpdateStateMachine');
    expect(text).toContain('iam:PutRolePolicy');
    expect(text).not.toMatch(/"kms:|cloudwatch:(TagResource|UntagResource|PutMetricAlarm)/);
    expect(text).not.toMatch(/RetagAlarms|RetagKey/);
  });

  it('the check fails when Mode reaches another resource (a tag, an Fn::Sub, an Fn::If, a Condition)', () => {
    const tampered = structuredClone(cfn);
    const [keyId, key] = resourcesOfType(tampered, 'AWS::KMS::Key')[0] ?? ['', undefined];
    (key?.Properties?.Tags as Json[]).push({ Key: 'Mode', Value: { Ref: 'Mode' } });
    const [alarmId, alarm] = resourcesOfType(tampered, 'AWS::CloudWatch::Alarm')[0] ?? ['', undefined];
    if (alarm?.Properties) alarm.Properties.AlarmDescription = { 'Fn::Sub': 'runs in ${Mode}' };
    const [logsId, logs] = resourcesOfType(tampered, 'AWS::Logs::LogGroup')[0] ?? ['', undefined];
    if (logs?.Properties) logs.Properties.RetentionInDays = { 'Fn::If': ['IsApply', 30, 7] };
    const [aliasId, alias] = resourcesOfType(tampered, 'AWS::KMS::Alias')[0] ?? ['', undefined];
    if (alias) alias.Condition = 'ApplyToTables';
    // Not references: a ${Mode} defined by the Sub's own variable map, and a literal ${!Mode}.
    const [filterId, filter] = resourcesOfType(tampered, 'AWS::Logs::MetricFilter')[0] ?? ['', undefined];
    if (filter?.Properties) filter.Properties.FilterName = { 'Fn::Sub': ['${Mode}-${!Mode}', { Mode: 'x' }] };

    const refs = resourcesReferringToMode(tampered);
    expect(refs.get(keyId)).toEqual([expect.stringMatching(/^\$\.Properties\.Tags\[\d+\]\.Value Ref Mode$/)]);
    expect(refs.get(alarmId)).toEqual(['$.Properties.AlarmDescription Fn::Sub ${Mode}']);
    expect(refs.get(logsId)).toEqual(['$.Properties.RetentionInDays Fn::If IsApply']);
    expect(refs.get(aliasId)).toEqual(['$ Condition ApplyToTables']);
    expect(refs.has(filterId)).toBe(false);
  });
});
