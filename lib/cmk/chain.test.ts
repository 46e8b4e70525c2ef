import { describe, expect, it } from 'vitest';
import type { AlarmSummary } from '@/lib/alarms/types';
import { assessCmkChain, type CmkChainFacts } from './chain';
import type { PolicyCheck } from './key-policy';

const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const allChecks = (failing: PolicyCheck['id'][] = []): PolicyCheck[] =>
  (['logs-principal', 'logs-actions', 'encryption-context', 'create-grant', 'via-service'] as const).map((id) => ({
    id,
    ok: !failing.includes(id),
    label: `Check ${id}`,
  }));

const alarm = (name: string, state: AlarmSummary['state'] = 'OK'): AlarmSummary => ({
  name,
  arn: `arn:aws:cloudwatch:us-east-1:111122223333:alarm:${name}`,
  state,
  stateReason: '',
  stateUpdatedAt: '2026-01-01T00:00:00.000Z',
  dimensions: [],
  actionsEnabled: true,
});

const good = (): CmkChainFacts => ({
  stackName: 'TapStack-dev',
  enableCmk: true,
  expectedKeyArn: KEY_ARN,
  logGroupKeyId: KEY_ARN,
  binding: {
    kind: 'bound',
    logGroupName: '/aws/vendedlogs/states/TapStack-dev',
    logGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/states/TapStack-dev',
    key: {
      keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      arn: KEY_ARN,
      state: 'Enabled',
      rotation: true,
      aliases: ['alias/tapstack-dev'],
    },
    checks: allChecks(),
  },
  filters: [
    {
      name: 'ErrorsFilter',
      pattern: '{ $.type = "ExecutionFailed" }',
      metrics: [{ namespace: 'TapStack/dev', name: 'Errors', value: '1' }],
      alarms: [alarm('TapStack-dev-errors')],
    },
    {
      name: 'ThrottlesFilter',
      pattern: '{ $.type = "TaskFailed" }',
      metrics: [{ namespace: 'TapStack/dev', name: 'Throttles', value: '1' }],
      alarms: [alarm('TapStack-dev-throttles')],
    },
  ],
});

const statuses = (facts: CmkChainFacts) => Object.fromEntries(assessCmkChain(facts).links.map((l) => [l.id, l.status]));

describe('assessCmkChain', () => {
  it('passes every link of a healthy chain', () => {
    const chain = assessCmkChain(good());
    expect(chain.status).toBe('ok');
    expect(chain.links.map((l) => l.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('flags a key policy missing the Logs grant, naming the failing checks', () => {
    const facts = good();
    if (facts.binding.kind === 'bound') facts.binding.checks = allChecks(['create-grant', 'encryption-context']);
    const chain = assessCmkChain(facts);
    const policy = chain.links.find((l) => l.id === 'key-policy')!;
    expect(policy).toMatchObject({ status: 'failure', failingChecks: ['encryption-context', 'create-grant'] });
    expect(policy.summary).toMatch(/^Missing 2 of 5 grants/);
    expect(chain.status).toBe('failure');
  });

  it('fails a disabled key and warns when rotation is off', () => {
    const disabled = good();
    if (disabled.binding.kind === 'bound') disabled.binding.key!.state = 'Disabled';
    expect(statuses(disabled).key).toBe('failure');
    const noRotation = good();
    if (noRotation.binding.kind === 'bound') noRotation.binding.key!.rotation = false;
    expect(statuses(noRotation).key).toBe('warning');
  });

  it("fails a group encrypted with another key than the stack's CmkArn", () => {
    const facts = good();
    facts.expectedKeyArn = KEY_ARN.replace('1234abcd', 'ffffffff');
    expect(statuses(facts)['log-group']).toBe('failure');
  });

  it('fails an unencrypted group when EnableCmk is true, and skips the key when it is false', () => {
    const unbound = (cmkExpected: boolean): CmkChainFacts => ({
      ...good(),
      enableCmk: cmkExpected,
      expectedKeyArn: undefined,
      logGroupKeyId: undefined,
      binding: { kind: 'unencrypted', logGroupName: '/aws/vendedlogs/states/TapStack-dev', cmkExpected },
    });
    expect(statuses(unbound(true))).toMatchObject({ key: 'failure', 'key-policy': 'skipped', 'log-group': 'failure' });
    expect(assessCmkChain(unbound(false)).status).toBe('ok');
  });

  it('warns about a filter no alarm watches and about alarms in ALARM', () => {
    const unwatched = good();
    unwatched.filters[1]!.alarms = [];
    expect(assessCmkChain(unwatched).links.find((l) => l.id === 'alarms')).toMatchObject({
      status: 'warning',
      summary: 'No alarm watches ThrottlesFilter.',
    });
    const firing = good();
    firing.filters[0]!.alarms = [alarm('TapStack-dev-errors', 'ALARM')];
    expect(assessCmkChain(firing).links.find((l) => l.id === 'alarms')?.summary).toMatch(/1 of 2 alarms in ALARM/);
  });

  it('warns when the group has no metric filters', () => {
    expect(statuses({ ...good(), filters: [] })).toMatchObject({ filters: 'warning', alarms: 'skipped' });
  });

  it('says why when the key cannot be read', () => {
    const facts = good();
    if (facts.binding.kind === 'bound') {
      facts.binding.key = null;
      facts.binding.keyError = 'AccessDeniedException: tapdeck may not read this key.';
      facts.binding.checks = [];
    }
    const chain = assessCmkChain(facts);
    expect(chain.links[0]).toMatchObject({ status: 'failure', summary: expect.stringContaining('AccessDeniedException') });
    expect(chain.links[1]?.status).toBe('skipped');
  });
});

describe('assessCmkChain without the filters', () => {
  it('keeps the key checks and says why the filters are unknown', () => {
    const chain = assessCmkChain({ ...good(), filters: [], filtersError: 'AccessDeniedException: tapdeck may not read this.' });
    expect(Object.fromEntries(chain.links.map((l) => [l.id, l.status]))).toEqual({
      key: 'ok',
      'key-policy': 'ok',
      'log-group': 'ok',
      filters: 'warning',
      alarms: 'skipped',
    });
    expect(chain.links[3]?.summary).toContain('AccessDeniedException');
  });
});
