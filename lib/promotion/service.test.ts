import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError } from '@/lib/aws/client-config';
import type { User } from '@/lib/auth/roles';
import type { AuditAction } from '@/lib/store/types';
import type { Clock, PromotionSettings } from './deps';
import { PromotionError } from './errors';
import type { GatherPreflight } from './gather';
import { evaluatePreflight, type PreflightFacts } from './preflight';
import { createPromotionService, type PromotionService } from './service';
import { alarm, goodFacts, NOW, SETTINGS, STACK_NAME } from './testing/facts';
import { FakeAws } from './testing/fake-aws';
import { MemoryStore } from './testing/memory-store';
import type { Promotion } from './types';

const user = (login: string, role: User['role']): User => ({ id: `local:${login}`, name: login, provider: 'local', role });
const operator = user('operator', 'operator');
const otherOperator = user('olive', 'operator');
const approver = user('approver', 'approver');
const secondApprover = user('april', 'approver');
const admin = user('admin', 'admin');

const settings: PromotionSettings = {
  ...SETTINGS,
  approvalTtlMs: 60 * 60_000,
  monitoringMinutes: 5,
  changeSetPollMs: 1,
  changeSetTimeoutMs: 60_000,
  watchPollMs: 1,
  creatingTimeoutMs: 10 * 60_000,
  executeGraceMs: 2 * 60_000,
};

/** Real time would make expiry tests slow: this clock moves only when told; sleeping yields to the event loop. */
class TestClock implements Clock {
  current = NOW.getTime();
  now = () => new Date(this.current);
  sleep = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
  advance(ms: number) {
    this.current += ms;
  }
}

let aws: FakeAws;
let store: MemoryStore;
let clock: TestClock;
let facts: PreflightFacts;
let service: PromotionService;
let ids: number;

beforeEach(() => {
  aws = new FakeAws();
  clock = new TestClock();
  store = new MemoryStore(undefined, clock.now);
  facts = goodFacts();
  ids = 0;
  const gatherPreflight: GatherPreflight = async (name) =>
    name === STACK_NAME ? { facts, preflight: evaluatePreflight(facts, settings, clock.now()) } : null;
  service = createPromotionService({
    store,
    cfn: aws,
    sfn: aws,
    gatherPreflight,
    clock,
    settings,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    log: () => undefined,
  });
});
afterEach(() => service.dispose());

const actions = async () => (await store.listAudit({ limit: 500 })).map((e) => e.action).reverse();
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a refusal'),
    (error: unknown) => error as PromotionError,
  );

async function until(id: string, status: Promotion['status']): Promise<Promotion> {
  for (let i = 0; i < 500; i++) {
    const p = await store.getPromotion(id);
    if (p?.status === status) return p;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`${id} never became ${status}: ${(await store.getPromotion(id))?.status}`);
}

describe('request', () => {
  it('creates a Mode-only change set on the current template with the alarms as rollback triggers, and waits for approval', async () => {
    const p = await service.request(operator, STACK_NAME, 'after three green dry runs');
    expect(p).toMatchObject({
      status: 'awaiting-approval',
      requestedBy: 'local:operator',
      account: '000000000000',
      region: 'us-east-1',
      comment: 'after three green dry runs',
    });
    expect(p.changeSetName).toBe(`tapdeck-promote-${p.id}`);
    expect(p.token).toBe(`tapdeck-${p.id}`);
    expect(p.changeSetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.changes).toEqual([
      {
        logicalId: 'Workflow',
        resourceType: 'AWS::StepFunctions::StateMachine',
        action: 'Modify',
        replacement: 'False',
        details: ['DefinitionSubstitutions'],
      },
    ]);
    expect(p.paramsAfter).toEqual({ ...p.paramsBefore, Mode: 'apply' });
    const input = aws.calls.find((c) => c.operation === 'createChangeSet')?.args[0];
    expect(input).toEqual({
      stackName: STACK_NAME,
      changeSetName: p.changeSetName,
      clientToken: p.token,
      description: expect.stringContaining('Mode dry-run → apply') as unknown,
      parameters: Object.keys(p.paramsBefore).map((key) =>
        key === 'Mode' ? { key, value: 'apply' } : { key, usePrevious: true },
      ),
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      rollbackTriggerArns: facts.alarms.map((a) => a.arn),
      monitoringMinutes: 5,
    });
    expect(await actions()).toEqual(['promotion.requested', 'promotion.change-set-ready']);
    const [ready] = await store.listAudit();
    expect(ready).toMatchObject({
      actor: 'local:operator',
      actorRole: 'operator',
      changeSetArn: p.changeSetArn,
      token: p.token,
      paramsAfter: p.paramsAfter,
      outcome: 'ok',
    });
    const [, asked] = await store.listAudit();
    expect(asked).not.toHaveProperty('changeSetArn');
  });

  it('refuses with the preflight when it fails, touching nothing', async () => {
    facts.alarms[0] = alarm(facts.alarms[0]!.name, 'ALARM');
    const error = await refusal(service.request(operator, STACK_NAME));
    expect(error).toMatchObject({ code: 'PreflightFailed', status: 409 });
    expect(error.details.preflight?.items.find((i) => i.id === 'no-alarms')?.ok).toBe(false);
    expect(aws.count('createChangeSet')).toBe(0);
    expect(await actions()).toEqual([]);
  });

  it('refuses a second request while one is open, naming it', async () => {
    const first = await service.request(operator, STACK_NAME);
    const error = await refusal(service.request(otherOperator, STACK_NAME));
    expect(error).toMatchObject({ code: 'PromotionOpen', details: { promotionId: first.id } });
    expect(await refusal(service.request(operator, 'NoSuchStack'))).toMatchObject({ code: 'StackNotFound', status: 404 });
  });

  it('leaves the request failed when CloudFormation throttles CreateChangeSet; a new request succeeds', async () => {
    aws.failNext('createChangeSet', 'Throttling', 'Rate exceeded');
    const error = await service.request(operator, STACK_NAME).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    const [failed] = await store.listPromotions(STACK_NAME);
    // What the request records is readable by everyone: AWS's code, not the SDK's message.
    expect(failed).toMatchObject({
      status: 'failed',
      outcome: 'AWS could not take the createChangeSet call just now (Throttling); try again in a minute.',
    });
    expect(await actions()).toEqual(['promotion.requested', 'promotion.request-failed']);
    await expect(service.request(operator, STACK_NAME)).resolves.toMatchObject({ status: 'awaiting-approval' });
  });

  it('deletes a change set it created when a later call fails: nothing half-done', async () => {
    aws.failNext('getChangeSetTemplate', 'InternalFailure', 'internal');
    await expect(service.request(operator, STACK_NAME)).rejects.toBeInstanceOf(AwsCallError);
    expect(aws.count('deleteChangeSet')).toBe(1);
    expect(aws.changeSets.size).toBe(0);
    expect((await store.listPromotions(STACK_NAME))[0]).toMatchObject({
      status: 'failed',
      changeSetArn: expect.any(String) as unknown,
    });
  });

  it('fails with CloudFormation’s reason when the change set fails', async () => {
    aws.changeSetOutcome = { status: 'FAILED', reason: "The submitted information didn't contain changes." };
    const error = await refusal(service.request(operator, STACK_NAME));
    expect(error).toMatchObject({
      code: 'ChangeSetFailed',
      message: "CloudFormation could not create the change set: The submitted information didn't contain changes.",
    });
    expect((await store.listPromotions(STACK_NAME))[0]?.status).toBe('failed');
    expect(aws.changeSets.size).toBe(0);
  });

  it('marks a request left creating by a dead process failed once it is old, so it stops holding the stack', async () => {
    const stuck = await service.request(operator, STACK_NAME);
    await store.transitionPromotion(stuck.id, { from: ['awaiting-approval'], to: 'creating' });
    clock.advance(11 * 60_000);
    facts = goodFacts({
      executions: facts.executions.map((r) => ({
        ...r,
        startedAt: clock.now().toISOString(),
        stoppedAt: clock.now().toISOString(),
      })),
    });
    facts.alignment = { ...facts.alignment!, executionArn: facts.executions[0]!.arn };
    await expect(service.request(operator, STACK_NAME)).resolves.toMatchObject({ status: 'awaiting-approval' });
    expect(await store.getPromotion(stuck.id)).toMatchObject({
      status: 'failed',
      outcome: expect.stringMatching(/^interrupted/) as unknown,
    });
  });
});

describe('approve and execute', () => {
  it('refuses self-approval, admins included', async () => {
    const p = await service.request(admin, STACK_NAME);
    expect(await refusal(service.approve(admin, p.id))).toMatchObject({ code: 'SelfApproval', status: 403 });
    expect(await refusal(service.execute(admin, p.id))).toMatchObject({ code: 'SelfApproval' });
  });

  it('approves and executes with the token; the watcher records the promotion when the update completes', async () => {
    const p = await service.request(operator, STACK_NAME);
    const executing = await service.approve(approver, p.id, 'looks right');
    expect(executing).toMatchObject({
      status: 'executing',
      decidedBy: 'local:approver',
      decisionComment: 'looks right',
      executedBy: 'local:approver',
    });
    expect(executing.expiresAt).toBe(new Date(NOW.getTime() + settings.approvalTtlMs).toISOString());
    expect(aws.calls.find((c) => c.operation === 'executeChangeSet')?.args).toEqual([STACK_NAME, p.changeSetArn, p.token]);
    aws.finishUpdate('complete');
    expect(await until(p.id, 'promoted')).toMatchObject({ outcome: 'UPDATE_COMPLETE: the stack runs with Mode apply' });
    expect(await actions()).toEqual([
      'promotion.requested',
      'promotion.change-set-ready',
      'promotion.approved',
      'promotion.executed',
      'promotion.promoted',
    ]);
    await expect(store.verifyAudit()).resolves.toMatchObject({ ok: true });
  });

  it('records a rollback with the alarm that triggered it', async () => {
    const p = await service.request(operator, STACK_NAME);
    await service.approve(approver, p.id);
    aws.finishUpdate({ alarmArn: facts.alarms[0]!.arn });
    const rolledBack = await until(p.id, 'rolled-back');
    expect(rolledBack.outcome).toMatch(
      new RegExp(`^UPDATE_ROLLBACK_COMPLETE: rollback trigger: alarm ${STACK_NAME}-errors went to ALARM`),
    );
    expect((await store.listAudit())[0]).toMatchObject({
      action: 'promotion.rolled-back',
      actor: 'system:tapdeck',
      actorRole: 'system',
    });
  });

  it('keeps the request approved with lastError when ExecuteChangeSet is throttled; another approver retries', async () => {
    const p = await service.request(operator, STACK_NAME);
    aws.failNext('executeChangeSet', 'Throttling', 'Rate exceeded');
    await expect(service.approve(approver, p.id)).rejects.toMatchObject({ code: 'Throttling' });
    expect(await store.getPromotion(p.id)).toMatchObject({
      status: 'approved',
      lastError: expect.stringMatching(/^AWS could not take the executeChangeSet call/) as unknown,
    });
    expect(await refusal(service.execute(operator, p.id))).toMatchObject({ code: 'SelfApproval' });
    const retried = await service.execute(secondApprover, p.id);
    expect(retried).toMatchObject({ status: 'executing', executedBy: 'local:april' });
    expect(retried).not.toHaveProperty('lastError');
    expect(aws.count('executeChangeSet')).toBe(2);
    expect(await actions()).toEqual([
      'promotion.requested',
      'promotion.change-set-ready',
      'promotion.approved',
      'promotion.execute-failed',
      'promotion.executed',
    ]);
  });

  it('refuses to execute while the preflight fails again (stays approved, recorded), and executes once it passes', async () => {
    const p = await service.request(operator, STACK_NAME);
    facts.alarms[2] = alarm(facts.alarms[2]!.name, 'ALARM');
    const error = await refusal(service.approve(approver, p.id));
    expect(error).toMatchObject({ code: 'PreflightFailed', details: { promotion: { status: 'approved' } } });
    expect(error.message).toMatch(/No alarm firing: TapStack-dev-executions-failed in ALARM/);
    expect(await store.getPromotion(p.id)).toMatchObject({ status: 'approved', lastError: error.message });
    expect((await store.listAudit())[0]?.action).toBe('promotion.execute-refused');
    expect(aws.count('executeChangeSet')).toBe(0);
    facts.alarms[2] = alarm(facts.alarms[2]!.name, 'OK');
    await expect(service.execute(approver, p.id)).resolves.toMatchObject({ status: 'executing' });
  });

  it('does not re-judge stack-settled and Mode at execute: the change set explains them', async () => {
    const p = await service.request(operator, STACK_NAME);
    facts = { ...facts, stack: { ...facts.stack, status: 'UPDATE_IN_PROGRESS' } };
    await expect(service.approve(approver, p.id)).resolves.toMatchObject({ status: 'executing' });
  });

  it('voids the approval when the change set’s template changed since it was hashed', async () => {
    const p = await service.request(operator, STACK_NAME);
    aws.template = '{"Resources":{"Extra":{}}}';
    expect(await refusal(service.approve(approver, p.id))).toMatchObject({ code: 'Void' });
    expect(await store.getPromotion(p.id)).toMatchObject({
      status: 'void',
      outcome: expect.stringMatching(/hash changed/) as unknown,
    });
    expect(aws.count('executeChangeSet')).toBe(0);
  });

  it('voids the approval when the change set is gone or no longer AVAILABLE', async () => {
    const gone = await service.request(operator, STACK_NAME);
    aws.changeSets.clear();
    expect(await refusal(service.approve(approver, gone.id))).toMatchObject({
      code: 'Void',
      message: expect.stringMatching(/no longer exists/) as unknown,
    });
    const obsolete = await service.request(operator, STACK_NAME);
    aws.changeSets.get(obsolete.changeSetArn!)!.executionStatus = 'OBSOLETE';
    expect(await refusal(service.approve(approver, obsolete.id))).toMatchObject({
      code: 'Void',
      message: expect.stringMatching(/OBSOLETE/) as unknown,
    });
  });

  it('follows an update that an earlier, unanswered ExecuteChangeSet started instead of voiding', async () => {
    const p = await service.request(operator, STACK_NAME);
    aws.failNext('executeChangeSet', 'InternalFailure', 'timeout');
    await expect(service.approve(approver, p.id)).rejects.toBeInstanceOf(AwsCallError);
    // The call had reached CloudFormation after all.
    await aws.executeChangeSet(STACK_NAME, p.changeSetArn!, p.token);
    await expect(service.execute(secondApprover, p.id)).resolves.toMatchObject({ status: 'executing' });
    aws.finishUpdate('complete');
    await until(p.id, 'promoted');
  });

  it('expires an approval that was not executed in time, and a request not approved in time', async () => {
    const approved = await service.request(operator, STACK_NAME);
    aws.failNext('executeChangeSet');
    await service.approve(approver, approved.id).catch(() => undefined);
    clock.advance(settings.approvalTtlMs + 1);
    expect(await refusal(service.execute(approver, approved.id))).toMatchObject({ code: 'Expired' });
    expect(await store.getPromotion(approved.id)).toMatchObject({ status: 'expired' });

    facts = goodFacts({
      executions: facts.executions.map((r) => ({
        ...r,
        startedAt: clock.now().toISOString(),
        stoppedAt: clock.now().toISOString(),
      })),
    });
    facts.alignment = { ...facts.alignment!, executionArn: facts.executions[0]!.arn };
    const waiting = await service.request(operator, STACK_NAME);
    clock.advance(settings.approvalTtlMs + 1);
    expect(await refusal(service.approve(approver, waiting.id))).toMatchObject({ code: 'Expired' });
    expect((await store.listAudit())[0]).toMatchObject({ action: 'promotion.expired', promotionId: waiting.id });
  });

  it('lets exactly one of 50 simultaneous approve/execute calls execute the change set', async () => {
    const p = await service.request(operator, STACK_NAME);
    const approvers = [approver, secondApprover, admin];
    const calls = Array.from({ length: 50 }, (_, i) => {
      const who = approvers[i % approvers.length]!;
      return (i % 2 ? service.execute(who, p.id) : service.approve(who, p.id)).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    });
    const results = await Promise.all(calls);
    expect(aws.count('executeChangeSet')).toBe(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error).toBeInstanceOf(PromotionError);
    const count = async (action: AuditAction) => (await store.listAudit({ action })).length;
    expect([await count('promotion.approved'), await count('promotion.executed')]).toEqual([1, 1]);
  });

  it('returns an executing request whose update never appeared to approved after the grace time', async () => {
    const p = await service.request(operator, STACK_NAME);
    await store.transitionPromotion(p.id, {
      from: ['awaiting-approval'],
      to: 'executing',
      patch: { executedAt: clock.now().toISOString() },
    });
    await expect(service.reconcile(p.id)).resolves.toMatchObject({ status: 'executing' });
    clock.advance(settings.executeGraceMs + 1);
    await expect(service.reconcile(p.id)).resolves.toMatchObject({
      status: 'approved',
      lastError: expect.stringMatching(/execute again$/) as unknown,
    });
  });
  it('resumes watching an executing request another instance left (resumeWatches), once per process', async () => {
    const p = await service.request(operator, STACK_NAME);
    await service.approve(approver, p.id);
    // The instance that executed dies; a second one on the same database has never seen the request.
    service.dispose();
    const other = createPromotionService({
      store: new MemoryStore(store.db, clock.now),
      cfn: aws,
      sfn: aws,
      gatherPreflight: async () => null,
      clock,
      settings,
      log: () => undefined,
    });
    try {
      await expect(other.resumeWatches()).resolves.toBe(1);
      await expect(other.resumeWatches()).resolves.toBe(0);
      aws.finishUpdate('complete');
      expect(await until(p.id, 'promoted')).toMatchObject({ outcome: 'UPDATE_COMPLETE: the stack runs with Mode apply' });
      expect((await actions()).filter((action) => action === 'promotion.promoted')).toHaveLength(1);
    } finally {
      other.dispose();
    }
  });

  it('ends an executing request as failed when its stack is deleted, instead of watching it forever', async () => {
    const p = await service.request(operator, STACK_NAME);
    await store.transitionPromotion(p.id, {
      from: ['awaiting-approval'],
      to: 'executing',
      patch: { executedAt: clock.now().toISOString() },
    });
    aws.deleted = true;
    await expect(service.reconcile(p.id)).resolves.toMatchObject({
      status: 'failed',
      outcome: 'the stack was deleted while the promotion ran',
    });
  });
});

describe('reject and cancel', () => {
  it('rejects with a comment (not the requester) and deletes the change set', async () => {
    const p = await service.request(operator, STACK_NAME);
    expect(await refusal(service.reject(operator, p.id, 'no'))).toMatchObject({ code: 'SelfApproval' });
    await expect(service.reject(approver, p.id, 'wait for the freeze to end')).resolves.toMatchObject({
      status: 'rejected',
      decisionComment: 'wait for the freeze to end',
    });
    expect(aws.changeSets.size).toBe(0);
    expect(await refusal(service.approve(secondApprover, p.id))).toMatchObject({ code: 'NotAwaitingApproval' });
  });

  it('lets the requester or an admin cancel, nobody else', async () => {
    const p = await service.request(operator, STACK_NAME);
    expect(await refusal(service.cancel(otherOperator, p.id))).toMatchObject({ code: 'NotRequester', status: 403 });
    await expect(service.cancel(admin, p.id, 'wrong stack')).resolves.toMatchObject({ status: 'cancelled' });
    expect((await store.listAudit())[0]).toMatchObject({
      action: 'promotion.cancelled',
      actor: 'local:admin',
      comment: 'wrong stack',
    });
    expect(await refusal(service.cancel(operator, 'nope'))).toMatchObject({ code: 'PromotionNotFound', status: 404 });
  });
});

describe('demote and dry runs', () => {
  it('demotes an apply stack at once: Mode dry-run, everything else previous, no rollback triggers; recorded', async () => {
    expect(await refusal(service.demote(operator, STACK_NAME))).toMatchObject({ code: 'AlreadyDryRun' });
    aws.stack.parameters.Mode = 'apply';
    const result = await service.demote(operator, STACK_NAME, 'errors after promotion');
    expect(result.token).toMatch(/^tapdeck-demote-/);
    expect(aws.calls.find((c) => c.operation === 'updateStackParameters')?.args[0]).toMatchObject({
      parameters: Object.keys(aws.stack.parameters).map((key) =>
        key === 'Mode' ? { key, value: 'dry-run' } : { key, usePrevious: true },
      ),
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      clientRequestToken: result.token,
      rollbackTriggerArns: [],
    });
    expect((await store.listAudit())[0]).toMatchObject({
      action: 'stack.demoted',
      token: result.token,
      paramsAfter: { Mode: 'dry-run' },
      comment: 'errors after promotion',
    });
    expect(await refusal(service.demote(operator, STACK_NAME))).toMatchObject({ code: 'StackBusy' });
  });

  it('records a demote AWS refused', async () => {
    aws.stack.parameters.Mode = 'apply';
    aws.failNext('updateStackParameters', 'ValidationError', 'No updates are to be performed.');
    await expect(service.demote(operator, STACK_NAME)).rejects.toBeInstanceOf(AwsCallError);
    expect((await store.listAudit())[0]).toMatchObject({
      action: 'stack.demote-failed',
      outcome: 'AWS refused updateStackParameters (ValidationError).',
    });
  });

  it('starts a dry run named after the user and the time, two in the same second under different names', async () => {
    const first = await service.startDryRun(operator, STACK_NAME);
    const second = await service.startDryRun(operator, STACK_NAME);
    expect(first.name).toMatch(/^tapdeck-operator-20250601T120000-[0-9a-f]{4}$/);
    expect(second.name).toMatch(/^tapdeck-operator-20250601T120000-[0-9a-f]{4}(-2)?$/);
    expect(second.name).not.toBe(first.name);
    expect(aws.calls.find((c) => c.operation === 'startExecution')?.args[2]).toBe('{"dryRun":true}');
    const started = await store.listAudit({ action: 'execution.dry-run-started' });
    expect(started.map((e) => [e.outcome, e.token])).toEqual([
      ['ok', second.name],
      ['ok', first.name],
    ]);
    const odd = await service.startDryRun({ ...operator, id: 'oidc:Jane Doe/123@example.com' }, STACK_NAME);
    expect(odd.name).toMatch(/^tapdeck-Jane-Doe-123-example-com-20250601T120000-[0-9a-f]{4}$/);
  });
});
