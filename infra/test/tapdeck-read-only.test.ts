/**
 * The read-only policy tapdeck's operators attach: every read the dashboard makes (lib/aws/*.ts) is allowed on the
 * resource AWS actually authorizes it against, nothing outside this stack's scope is, and no action writes.
 *
 * The policy is resolved for one concrete account/Region/suffix and evaluated by a small IAM matcher (Action and
 * Resource wildcards, the one condition operator the policy uses), so a statement that only looks right fails here.
 */
import { describe, expect, it } from 'vitest';
import { sharedTemplate, type Json, type JsonObject } from './synth';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const SUFFIX = 'test';
const STACK = `TapStack-${SUFFIX}`;

const cfn = sharedTemplate({ suffix: SUFFIX });
const pseudo: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::StackName': STACK,
};

/** Resolves the intrinsics the policy uses for the values above (parameters at their defaults). */
function resolve(value: Json, vars: Record<string, string> = {}): Json {
  if (Array.isArray(value)) return value.map((v) => resolve(v, vars));
  if (!value || typeof value !== 'object') return value;
  const [fn, arg] = Object.entries(value)[0] ?? [];
  const str = (v: Json): string => {
    const r = resolve(v, vars);
    if (typeof r !== 'string') throw new Error(`expected a string, got ${JSON.stringify(r)}`);
    return r;
  };
  switch (fn) {
    case 'Ref': {
      const name = arg as string;
      const known = pseudo[name];
      if (known !== undefined) return known;
      const param = cfn.Parameters[name];
      if (param?.Default === undefined) throw new Error(`no value for Ref ${name}`);
      return String(param.Default);
    }
    case 'Fn::Sub': {
      const [body, own] = Array.isArray(arg) ? [arg[0] as string, arg[1] as JsonObject] : [arg as string, {}];
      const local = Object.fromEntries(Object.entries(own).map(([k, v]) => [k, str(v)]));
      return body.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        const v = local[name] ?? vars[name] ?? pseudo[name];
        if (v === undefined) throw new Error(`no value for \${${name}}`);
        return v;
      });
    }
    case 'Fn::Join': {
      const [sep, parts] = arg as [string, Json[]];
      return parts.map(str).join(sep);
    }
    case 'Fn::Split': {
      const [sep, source] = arg as [string, Json];
      return str(source).split(sep);
    }
    case 'Fn::Select': {
      const [index, list] = arg as [number, Json];
      return (resolve(list, vars) as Json[])[index] ?? null;
    }
    case 'Fn::GetAtt': {
      const [id, attr] = arg as [string, string];
      const resource = cfn.Resources[id];
      if (resource?.Type === 'AWS::StepFunctions::StateMachine' && attr === 'Arn') {
        return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${str(resource.Properties?.StateMachineName ?? null)}`;
      }
      throw new Error(`cannot resolve GetAtt ${id}.${attr}`);
    }
    default:
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, vars)]));
  }
}

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const readOnlyEntry = Object.entries(cfn.Resources).find(
  ([id, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && id.startsWith('TapdeckAccessReadOnly'),
);
if (!readOnlyEntry) throw new Error('no TapdeckAccess ReadOnly managed policy in the template');
const statements = (resolve(readOnlyEntry[1].Properties?.PolicyDocument ?? null) as unknown as { Statement: Statement[] })
  .Statement;

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
/** IAM wildcard matching: `*` any run of characters, `?` one; actions are case-insensitive, ARNs are not. */
function matches(pattern: string, value: string, ignoreCase = false): boolean {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '').test(value);
}

type Context = Record<string, string[]>;
function conditionHolds(condition: Statement['Condition'], context: Context): boolean {
  return Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key] ?? [];
      if (operator === 'ForAnyValue:StringEquals') return actual.some((v) => list(expected).includes(v));
      throw new Error(`the test's evaluator does not know ${operator}; teach it before relying on it`);
    }),
  );
}

/** Allowed when some Allow statement matches action, resource and condition, and no Deny does. */
function allowed(action: string, resource: string, context: Context = {}): boolean {
  const hits = statements.filter(
    (s) =>
      list(s.Action).some((a) => matches(a, action, true)) &&
      list(s.Resource).some((r) => matches(r, resource)) &&
      conditionHolds(s.Condition, context),
  );
  return hits.some((s) => s.Effect === 'Allow') && !hits.some((s) => s.Effect === 'Deny');
}

const arn = (service: string, rest: string, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const stateMachine = arn('states', `stateMachine:${STACK}`);
const cmkKey = arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab');
const cmkAliases = { 'kms:ResourceAliases': [`alias/tapstack/${SUFFIX}`] };

/**
 * The dashboard's reads, each with the resource IAM evaluates it against (what AccessDenied messages name):
 * ListStacks has no resource-level permissions ("*"); DescribeAlarms with AlarmNamePrefix is authorized against
 * `alarm:*`; DescribeLogGroups against `log-group::log-stream:` whatever prefix the request carries.
 */
const DASHBOARD_READS: { action: string; resource: string; context?: Context }[] = [
  { action: 'cloudformation:ListStacks', resource: '*' },
  {
    action: 'cloudformation:DescribeStacks',
    resource: arn('cloudformation', `stack/${STACK}/0a1b2c3d-4e5f-6789-abcd-ef0123456789`),
  },
  {
    action: 'cloudformation:DescribeStackEvents',
    resource: arn('cloudformation', `stack/${STACK}/0a1b2c3d-4e5f-6789-abcd-ef0123456789`),
  },
  {
    action: 'cloudformation:DescribeStackResources',
    resource: arn('cloudformation', `stack/${STACK}/0a1b2c3d-4e5f-6789-abcd-ef0123456789`),
  },
  {
    action: 'cloudformation:ListChangeSets',
    resource: arn('cloudformation', `stack/${STACK}/0a1b2c3d-4e5f-6789-abcd-ef0123456789`),
  },
  {
    action: 'cloudformation:DescribeChangeSet',
    resource: arn('cloudformation', 'changeSet/tapdeck-promote-1/0a1b2c3d-4e5f-6789-abcd-ef0123456789'),
  },
  { action: 'cloudwatch:DescribeAlarms', resource: arn('cloudwatch', 'alarm:*') },
  { action: 'cloudwatch:DescribeAlarmHistory', resource: arn('cloudwatch', `alarm:${STACK}-errors`) },
  { action: 'cloudwatch:DescribeAlarmsForMetric', resource: '*' },
  { action: 'cloudwatch:GetMetricData', resource: '*' },
  { action: 'states:DescribeStateMachine', resource: stateMachine },
  { action: 'logs:DescribeMetricFilters', resource: arn('logs', `log-group:/aws/vendedlogs/states/${STACK}:*`) },
  { action: 'logs:FilterLogEvents', resource: arn('logs', `log-group:/aws/vendedlogs/states/${STACK}:*`) },
  { action: 'logs:TestMetricFilter', resource: '*' },
  { action: 'states:ListExecutions', resource: stateMachine },
  { action: 'states:DescribeExecution', resource: arn('states', `execution:${STACK}:dry-run-1`) },
  { action: 'states:GetExecutionHistory', resource: arn('states', `execution:${STACK}:dry-run-1`) },
  { action: 'logs:DescribeLogGroups', resource: arn('logs', 'log-group::log-stream:') },
  { action: 'kms:DescribeKey', resource: cmkKey, context: cmkAliases },
  { action: 'kms:GetKeyPolicy', resource: cmkKey, context: cmkAliases },
  { action: 'kms:GetKeyRotationStatus', resource: cmkKey, context: cmkAliases },
];

/** An action that writes: its verb (the first word of its name; `DescribeChangeSet` reads). */
const WRITE_VERB = /^(Create|Put|Update|Delete|Execute|Start|Stop|Tag|Untag|Enable|Disable|Schedule|Cancel|Set)/;

describe('tapdeck read-only policy', () => {
  it.each(DASHBOARD_READS)('allows the dashboard read $action on $resource', ({ action, resource, context }) => {
    expect(allowed(action, resource, context)).toBe(true);
  });

  it('grants exactly the dashboard reads, and no action that writes', () => {
    const actions = statements.flatMap((s) => list(s.Action));
    expect(new Set(actions)).toEqual(new Set(DASHBOARD_READS.map((r) => r.action)));
    expect(actions.filter((a) => WRITE_VERB.test(a.split(':')[1] ?? a))).toEqual([]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('reaches only this stack, this state machine, this account and Region, and only the TapStack CMK', () => {
    const otherStack = arn('cloudformation', 'stack/TapStack-prod/0a1b2c3d-4e5f-6789-abcd-ef0123456789');
    expect(allowed('cloudformation:DescribeStacks', otherStack)).toBe(false);
    expect(allowed('cloudformation:DescribeStackEvents', otherStack)).toBe(false);
    expect(allowed('cloudformation:DescribeStacks', '*')).toBe(false);
    expect(allowed('states:ListExecutions', arn('states', 'stateMachine:TapStack-prod'))).toBe(false);
    expect(allowed('states:DescribeExecution', arn('states', 'execution:TapStack-prod:dry-run-1'))).toBe(false);
    expect(allowed('cloudwatch:DescribeAlarms', '*')).toBe(false);
    expect(allowed('cloudwatch:DescribeAlarms', arn('cloudwatch', 'alarm:*', 'us-east-1'))).toBe(false);
    expect(allowed('logs:DescribeLogGroups', arn('logs', 'log-group::log-stream:', 'us-east-1'))).toBe(false);
    expect(allowed('kms:DescribeKey', cmkKey)).toBe(false);
    expect(allowed('kms:GetKeyPolicy', cmkKey, { 'kms:ResourceAliases': ['alias/tapstack/prod', 'alias/aws/logs'] })).toBe(false);
    expect(allowed('kms:GetKeyPolicy', arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab', 'us-east-1'), cmkAliases)).toBe(
      false,
    );
  });

  it('names the CMK by its alias only, so the policy stands when EnableCmk=false and the key does not exist', () => {
    const keyIds = Object.entries(cfn.Resources)
      .filter(([, r]) => r.Type.startsWith('AWS::KMS::'))
      .map(([id]) => id);
    expect(keyIds.length).toBeGreaterThan(0);
    for (const id of keyIds) expect(JSON.stringify(readOnlyEntry[1])).not.toContain(id);
    expect(readOnlyEntry[1].Condition).toBeUndefined();
  });
});
