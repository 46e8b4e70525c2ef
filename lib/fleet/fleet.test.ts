import { describe, expect, it } from 'vitest';
import { alarmNamesOf, cmkStateOf, isFleetMember, parseFleetTag } from './membership';
import { applyFleetQuery, fleetQueryString, parseFleetQuery } from './query';
import { countFleet, summariseFleet } from './summarise';
import type { EnvironmentDetails, FleetEnvironment, FleetMembership, FleetStack } from './types';

const KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function stack(name: string, over: Partial<FleetStack> = {}): FleetStack {
  return {
    stackId: `id-${name}`,
    name,
    status: 'CREATE_COMPLETE',
    createdAt: '2025-01-01T00:00:00.000Z',
    outputs: {},
    parameters: {},
    tags: {},
    ...over,
  };
}

const membership: FleetMembership = { namePattern: /^TapStack/, tag: { key: 'tapdeck:fleet', value: 'true' } };

describe('fleet membership', () => {
  it('takes stacks by name pattern or by tag, and leaves the rest', () => {
    expect(isFleetMember(stack('TapStack-dev'), membership)).toBe(true);
    expect(isFleetMember(stack('payments', { tags: { 'tapdeck:fleet': 'true' } }), membership)).toBe(true);
    expect(isFleetMember(stack('payments', { tags: { 'tapdeck:fleet': 'false' } }), membership)).toBe(false);
    expect(isFleetMember(stack('CDKToolkit'), membership)).toBe(false);
    expect(isFleetMember(stack('x', { tags: { team: 'a' } }), { namePattern: /^$/, tag: { key: 'team' } })).toBe(true);
  });

  it('reads the tag setting as key=value or a bare key, and refuses an empty key', () => {
    expect(parseFleetTag('tapdeck:fleet=true')).toEqual({ key: 'tapdeck:fleet', value: 'true' });
    expect(parseFleetTag('fleet')).toEqual({ key: 'fleet' });
    expect(() => parseFleetTag('=x')).toThrow(/tag key/);
  });
});

describe('cmkStateOf', () => {
  const tap = (parameters: Record<string, string>, outputs: Record<string, string> = {}) =>
    stack('TapStack-a', { parameters, outputs: { LogGroupName: '/tap/a', ...outputs } });

  it('is bound when the log group uses the key the stack outputs, by ARN or by bare id', () => {
    expect(cmkStateOf(tap({ EnableCmk: 'true' }, { CmkArn: KEY }), { kmsKeyId: KEY })).toEqual({ kind: 'bound' });
    expect(cmkStateOf(tap({}, { CmkArn: KEY }), { kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' })).toEqual({
      kind: 'bound',
    });
  });

  it('is not bound when the stack asks for no CMK and the group has none', () => {
    expect(cmkStateOf(tap({ EnableCmk: 'false' }), { kmsKeyId: null })).toEqual({ kind: 'not-bound' });
  });

  it('is a problem when a CMK is expected but missing, different, undeclared, or the group is gone', () => {
    expect(cmkStateOf(tap({ EnableCmk: 'true' }), { kmsKeyId: null })).toMatchObject({ kind: 'problem' });
    expect(cmkStateOf(tap({}, { CmkArn: KEY }), { kmsKeyId: KEY.replace('1234abcd', 'ffffffff') })).toMatchObject({
      kind: 'problem',
      reason: expect.stringMatching(/another key/),
    });
    expect(cmkStateOf(tap({}), { kmsKeyId: KEY })).toMatchObject({
      kind: 'problem',
      reason: expect.stringMatching(/not declare/),
    });
    expect(cmkStateOf(tap({ EnableCmk: 'true' }), null)).toMatchObject({
      kind: 'problem',
      reason: expect.stringMatching(/not found/),
    });
  });

  it('is unknown for a stack without the output (a failed create)', () => {
    expect(cmkStateOf(stack('TapStack-bad'), null)).toMatchObject({ kind: 'unknown' });
  });
});

describe('alarmNamesOf', () => {
  it('takes the physical ids of the stack’s alarm resources only, not names that merely share a prefix', () => {
    expect(
      alarmNamesOf([
        { type: 'AWS::CloudWatch::Alarm', physicalId: 'TapStack-a-Errors' },
        { type: 'AWS::CloudWatch::Alarm' }, // not created yet
        { type: 'AWS::Logs::LogGroup', physicalId: '/tap/a' },
        { type: 'AWS::CloudWatch::Alarm', physicalId: 'custom-name' },
      ]),
    ).toEqual(['TapStack-a-Errors', 'custom-name']);
  });
});

describe('summariseFleet', () => {
  it('splits environments from other stacks, with Mode, last change and details', () => {
    const details: EnvironmentDetails = {
      alarmsInAlarm: ['e'],
      alarmCount: 4,
      lastExecution: null,
      cmk: { kind: 'bound' },
      checkedAt: 't',
    };
    const snapshot = summariseFleet(
      [
        stack('TapStack-b', { status: 'ROLLBACK_COMPLETE', statusReason: 'boom' }),
        stack('CDKToolkit'),
        stack('TapStack-a', { parameters: { Mode: 'dry-run' }, updatedAt: '2025-02-01T00:00:00.000Z' }),
      ],
      new Map([['TapStack-a', details]]),
      membership,
      'now',
    );
    expect(snapshot.environments.map((e) => [e.name, e.mode, e.lastChange, e.details !== null])).toEqual([
      ['TapStack-a', 'dry-run', '2025-02-01T00:00:00.000Z', true],
      ['TapStack-b', null, '2025-01-01T00:00:00.000Z', false],
    ]);
    expect(snapshot.environments[1]?.statusReason).toBe('boom');
    expect(snapshot.others.map((o) => o.name)).toEqual(['CDKToolkit']);
    expect(countFleet(snapshot)).toEqual({ total: 2, failed: 1, inProgress: 0, alarming: 1 });
  });
});

describe('fleet query', () => {
  const env = (name: string, status: string, mode: string | null, alarms: number, lastChange: string): FleetEnvironment => ({
    name,
    status,
    mode,
    lastChange,
    details: {
      alarmsInAlarm: Array.from({ length: alarms }, (_, i) => `a${i}`),
      alarmCount: 4,
      lastExecution: null,
      cmk: { kind: 'bound' },
      checkedAt: 't',
    },
  });
  const fleet = [
    env('TapStack-prod', 'UPDATE_COMPLETE', 'apply', 0, '2025-03-01'),
    env('TapStack-dev', 'CREATE_COMPLETE', 'dry-run', 2, '2025-01-01'),
    env('TapStack-bad', 'ROLLBACK_COMPLETE', null, 0, '2025-02-01'),
    env('TapStack-qa', 'UPDATE_IN_PROGRESS', 'dry-run', 1, '2025-04-01'),
  ];
  const names = (query: Record<string, string>) => applyFleetQuery(fleet, parseFleetQuery(query)).map((e) => e.name);

  it('sorts by name, status (failures first), alarms (most first) and last change (newest first), either way', () => {
    expect(names({})).toEqual(['TapStack-bad', 'TapStack-dev', 'TapStack-prod', 'TapStack-qa']);
    expect(names({ sort: 'status' })).toEqual(['TapStack-bad', 'TapStack-qa', 'TapStack-dev', 'TapStack-prod']);
    expect(names({ sort: 'alarms' })).toEqual(['TapStack-dev', 'TapStack-qa', 'TapStack-bad', 'TapStack-prod']);
    expect(names({ sort: 'changed' })).toEqual(['TapStack-qa', 'TapStack-prod', 'TapStack-bad', 'TapStack-dev']);
    expect(names({ sort: 'changed', dir: 'desc' })).toEqual(['TapStack-dev', 'TapStack-bad', 'TapStack-prod', 'TapStack-qa']);
  });

  it('filters by text, status group and mode', () => {
    expect(names({ q: 'PRO' })).toEqual(['TapStack-prod']);
    expect(names({ status: 'failed' })).toEqual(['TapStack-bad']);
    expect(names({ status: 'in-progress' })).toEqual(['TapStack-qa']);
    expect(names({ mode: 'dry-run', status: 'ok' })).toEqual(['TapStack-dev']);
  });

  it('ignores values it does not know and keeps defaults out of the URL', () => {
    expect(parseFleetQuery({ sort: 'evil', status: ['failed', 'ok'], dir: 'sideways' })).toMatchObject({
      sort: 'name',
      status: 'failed',
      dir: 'asc',
    });
    expect(fleetQueryString(parseFleetQuery({}))).toBe('');
    expect(fleetQueryString(parseFleetQuery({ sort: 'alarms', q: 'dev' }))).toBe('?q=dev&sort=alarms');
  });
});
