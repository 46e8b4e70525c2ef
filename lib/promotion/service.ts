import { randomUUID } from 'node:crypto';
import { AwsCallError } from '@/lib/aws/client-config';
import type { ChangeSetFacts, StackForWrite } from '@/lib/aws/cloudformation-writes';
import type { User } from '@/lib/auth/roles';
import type { AuditAction } from '@/lib/store/types';
import { actorOf, promotionAudit, whereOf, type Actor, type PromotionDeps } from './deps';
import { PromotionError } from './errors';
import { failureText } from './failure-text';
import { changeSetHash } from './hash';
import { describeFailures, withoutExplained } from './preflight';
import { createStackActions, type StackActions } from './stack-actions';
import { OPEN_STATUSES, type Promotion, type PromotionStatus } from './types';
import { createWatch } from './watch';

/**
 * The promotion gate: request → change set → approve (someone else) → execute → watch → promoted | rolled back.
 * Every state change is a compare-and-set in the store with its audit entry in the same transaction, so any
 * number of concurrent approve/execute calls produce one ExecuteChangeSet: only the caller whose
 * approved → executing transition applied calls it.
 *
 * On execute, the re-checks split by what a failure means:
 * - the approval's binding is gone (change set deleted, not AVAILABLE, another ARN, another hash) → `void`,
 *   for good: a new request is needed;
 * - the approval is too old → `expired`;
 * - the preflight fails again (an alarm fires, dry runs too old, …) → refused, recorded as
 *   `promotion.execute-refused` with `lastError`, and the request stays `approved`: these conditions come and
 *   go while the change set is still exactly what was approved, so an approver may execute again once they
 *   clear, until the approval expires;
 * - AWS refuses a call (throttling, 500) → the request stays (or returns to) `approved` with `lastError`.
 */
export interface PromotionService extends StackActions {
  request(user: User, stackName: string, comment?: string): Promise<Promotion>;
  approve(user: User, id: string, comment?: string): Promise<Promotion>;
  reject(user: User, id: string, comment: string): Promise<Promotion>;
  execute(user: User, id: string): Promise<Promotion>;
  cancel(user: User, id: string, comment?: string): Promise<Promotion>;
  /** Brings a request up to date with the clock and the stack (expiry, the update's end); no AWS writes. */
  reconcile(id: string): Promise<Promotion | null>;
  /**
   * Watches every executing request this process does not watch yet (at start, and periodically: an instance
   * that died mid-update leaves its request to the others); how many watchers it started.
   */
  resumeWatches(): Promise<number>;
  /** Stops the in-process watchers (tests, shutdown). */
  dispose(): void;
}

/** One compare-and-set: the request moves `from` → `to` with `patch`, recorded as `action` (when given). */
interface Move {
  from: readonly PromotionStatus[];
  to: PromotionStatus;
  patch?: Partial<Promotion>;
  actor: Actor;
  action?: AuditAction;
  outcome?: string;
  comment?: string;
}

const refused = (code: ConstructorParameters<typeof PromotionError>[0], message: string, promotion?: Promotion) =>
  new PromotionError(code, message, promotion ? { promotion } : {});

const notAwaiting = (p: Promotion) => refused('NotAwaitingApproval', `The request is ${p.status}, not awaiting approval.`, p);

/** Who decided, when, and what they said. */
const decision = (user: User, at: string, comment: string | undefined) => ({
  decidedBy: user.id,
  decidedByName: user.name,
  decidedAt: at,
  decisionComment: comment,
});

export function createPromotionService(deps: PromotionDeps): PromotionService {
  const { store, cfn, clock, settings } = deps;
  const newId = deps.newId ?? randomUUID;
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(`[promotion] ${message}`, error ?? ''));
  const watch = createWatch(deps, log);
  const iso = () => clock.now().toISOString();

  /** The CAS every change goes through; null when the request was no longer in one of `from`. */
  function move(p: Promotion, { from, to, patch = {}, actor, action, outcome = 'ok', comment }: Move) {
    const audit = action ? promotionAudit(actor, action, { ...p, ...patch, status: to }, outcome, comment) : undefined;
    return store.transitionPromotion(p.id, { from, to, patch: { ...patch, updatedAt: iso() } }, audit);
  }

  async function load(id: string): Promise<Promotion> {
    const p = await watch.reconcile(id);
    if (!p) throw new PromotionError('PromotionNotFound', `There is no promotion request ${id}.`);
    return p;
  }

  /** Re-reads after a lost compare-and-set, for an answer that says what the request is now. */
  async function lostRace(id: string, wanted: 'approved' | 'rejected' | 'cancelled' | 'executed'): Promise<never> {
    const now = (await store.getPromotion(id)) ?? undefined;
    const status = now?.status ?? 'gone';
    const code =
      status === 'expired'
        ? 'Expired'
        : status === 'void'
          ? 'Void'
          : wanted === 'executed'
            ? 'NotApproved'
            : 'NotAwaitingApproval';
    throw refused(code, `The request is ${status}; it cannot be ${wanted}.`, now);
  }

  async function cleanUpChangeSet(p: Promotion): Promise<void> {
    if (!p.changeSetArn) return;
    await cfn
      .deleteChangeSet(p.stackName, p.changeSetArn)
      .catch((error: unknown) => log(`could not delete change set ${p.changeSetArn}`, error));
  }

  async function request(user: User, stackName: string, comment?: string): Promise<Promotion> {
    const gathered = await deps.gatherPreflight(stackName, { fresh: true });
    if (!gathered) throw new PromotionError('StackNotFound', `There is no stack ${stackName}.`);
    const { preflight } = gathered;
    if (!preflight.ok) {
      throw new PromotionError('PreflightFailed', `Preflight failed: ${describeFailures(preflight)}`, { preflight });
    }
    const stack = await cfn.describeStackForWrite(stackName);
    if (!stack) throw new PromotionError('StackNotFound', `There is no stack ${stackName}.`);
    const id = newId();
    const promotion: Promotion = {
      id,
      stackName,
      stackId: stack.stackId,
      ...whereOf(stack.stackId),
      status: 'creating',
      requestedBy: user.id,
      requestedByName: user.name,
      requestedByRole: user.role,
      requestedAt: iso(),
      ...(comment ? { comment } : {}),
      changeSetName: `tapdeck-promote-${id}`,
      changes: [],
      paramsBefore: stack.parameters,
      paramsAfter: { ...stack.parameters, Mode: 'apply' },
      token: `tapdeck-${id}`,
      updatedAt: iso(),
    };
    const actor = actorOf(user);
    // Recorded twice: now (who asked; no change set yet) and once the change set is ready (its ARN). The audit
    // vocabulary has no separate action for the second; the entry with a changeSetArn is that one.
    const audit = promotionAudit(actor, 'promotion.requested', promotion, 'ok', comment);
    let created = await store.createPromotion(promotion, audit);
    if (!created) {
      // A request left over by a process that died (or one past its time) stops blocking once reconciled.
      const open = await store.openPromotion(stackName);
      const current = open ? await watch.reconcile(open.id) : null;
      if (current && OPEN_STATUSES.includes(current.status)) {
        const message = `${stackName} already has an open promotion request (${current.status}).`;
        throw new PromotionError('PromotionOpen', message, { promotionId: current.id });
      }
      created = await store.createPromotion(promotion, audit);
      if (!created) {
        const promotionId = (await store.openPromotion(stackName))?.id;
        const message = `${stackName} already has an open promotion request.`;
        throw new PromotionError('PromotionOpen', message, promotionId ? { promotionId } : {});
      }
    }
    return prepareChangeSet(
      created,
      stack,
      gathered.facts.alarms.map((alarm) => alarm.arn),
      actor,
    );
  }

  /** creating → awaiting-approval with the change set read and hashed, or → failed with nothing left behind. */
  async function prepareChangeSet(p: Promotion, stack: StackForWrite, alarmArns: string[], actor: Actor): Promise<Promotion> {
    let changeSetArn: string | undefined;
    try {
      ({ changeSetArn } = await cfn.createChangeSet({
        stackName: p.stackName,
        changeSetName: p.changeSetName,
        clientToken: p.token,
        description: `tapdeck promotion ${p.id} by ${p.requestedByName}: Mode dry-run → apply`,
        parameters: Object.keys(stack.parameters).map((key) =>
          key === 'Mode' ? { key, value: 'apply' } : { key, usePrevious: true as const },
        ),
        capabilities: stack.capabilities,
        rollbackTriggerArns: alarmArns,
        monitoringMinutes: settings.monitoringMinutes,
      }));
      const changeSet = await waitForChangeSet(p.stackName, changeSetArn);
      // UsePreviousValue takes the values at creation: an update in between would make it more than a Mode flip.
      const drift = Object.keys({ ...p.paramsBefore, ...changeSet.parameters }).filter(
        (key) => key !== 'Mode' && changeSet.parameters[key] !== p.paramsBefore[key],
      );
      if (drift.length > 0 || changeSet.parameters.Mode !== 'apply') {
        const which = drift.join(', ') || 'Mode';
        const message = `The stack's parameters changed while the change set was created (${which}); request again.`;
        throw new PromotionError('ChangeSetFailed', message);
      }
      const hash = changeSetHash(await cfn.getChangeSetTemplate(p.stackName, changeSetArn), changeSet.parameters);
      const ready = await move(p, {
        from: ['creating'],
        to: 'awaiting-approval',
        patch: { changeSetArn, changeSetHash: hash, changes: changeSet.changes, paramsAfter: changeSet.parameters },
        actor,
        action: 'promotion.change-set-ready',
      });
      if (!ready) throw new PromotionError('ChangeSetFailed', 'The request was closed while its change set was created.');
      return ready;
    } catch (error) {
      if (changeSetArn) await cleanUpChangeSet({ ...p, changeSetArn });
      const reason = failureText(error);
      const patch = { outcome: reason, lastError: reason, finishedAt: iso(), ...(changeSetArn ? { changeSetArn } : {}) };
      await move(p, { from: ['creating'], to: 'failed', patch, actor, action: 'promotion.request-failed', outcome: reason });
      throw error;
    }
  }

  async function waitForChangeSet(stackName: string, arn: string): Promise<ChangeSetFacts> {
    const deadline = clock.now().getTime() + settings.changeSetTimeoutMs;
    for (;;) {
      const changeSet = await cfn.describeChangeSet(stackName, arn);
      if (!changeSet) throw new PromotionError('ChangeSetFailed', 'The change set disappeared while it was being created.');
      if (changeSet.status === 'CREATE_COMPLETE') return changeSet;
      if (changeSet.status === 'FAILED') {
        const reason = changeSet.statusReason ?? 'no reason given';
        throw new PromotionError('ChangeSetFailed', `CloudFormation could not create the change set: ${reason}`);
      }
      if (clock.now().getTime() > deadline) {
        const waited = `${settings.changeSetTimeoutMs / 1000} s`;
        throw new PromotionError('ChangeSetFailed', `The change set was still ${changeSet.status} after ${waited}.`);
      }
      await clock.sleep(settings.changeSetPollMs);
    }
  }

  async function approve(user: User, id: string, comment?: string): Promise<Promotion> {
    const p = await load(id);
    if (p.requestedBy === user.id) throw refused('SelfApproval', 'You requested this promotion: someone else must approve it.');
    if (p.status === 'expired') throw refused('Expired', 'The request expired before it was approved; request again.', p);
    if (p.status !== 'awaiting-approval') throw notAwaiting(p);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + settings.approvalTtlMs).toISOString();
    const patch = { ...decision(user, now.toISOString(), comment), expiresAt };
    const actor = actorOf(user);
    const approved = await move(p, {
      from: ['awaiting-approval'],
      to: 'approved',
      patch,
      actor,
      action: 'promotion.approved',
      comment,
    });
    if (!approved) return lostRace(id, 'approved');
    return executeApproved(user, approved);
  }

  async function reject(user: User, id: string, comment: string): Promise<Promotion> {
    const p = await load(id);
    if (p.requestedBy === user.id)
      throw refused('SelfApproval', 'You requested this promotion: cancel it instead of rejecting it.');
    if (p.status !== 'awaiting-approval') throw notAwaiting(p);
    const patch = { ...decision(user, iso(), comment), finishedAt: iso(), outcome: `rejected by ${user.name}` };
    const actor = actorOf(user);
    const rejected = await move(p, {
      from: ['awaiting-approval'],
      to: 'rejected',
      patch,
      actor,
      action: 'promotion.rejected',
      comment,
    });
    if (!rejected) return lostRace(id, 'rejected');
    await cleanUpChangeSet(rejected);
    return rejected;
  }

  async function cancel(user: User, id: string, comment?: string): Promise<Promotion> {
    const p = await load(id);
    if (p.requestedBy !== user.id && user.role !== 'admin') {
      throw refused('NotRequester', 'Only the requester or an admin may cancel a promotion request.');
    }
    // An approved request whose execution was refused can be withdrawn too, so it stops holding the stack.
    const from = ['awaiting-approval', 'approved'] as const;
    if (!from.includes(p.status as (typeof from)[number])) {
      throw refused('NotAwaitingApproval', `The request is ${p.status}; it can no longer be cancelled.`, p);
    }
    const patch = { finishedAt: iso(), outcome: `cancelled by ${user.name}` };
    const actor = actorOf(user);
    const cancelled = await move(p, { from, to: 'cancelled', patch, actor, action: 'promotion.cancelled', comment });
    if (!cancelled) return lostRace(id, 'cancelled');
    await cleanUpChangeSet(cancelled);
    return cancelled;
  }

  async function execute(user: User, id: string): Promise<Promotion> {
    const p = await load(id);
    if (p.requestedBy === user.id) throw refused('SelfApproval', 'You requested this promotion: someone else must execute it.');
    return executeApproved(user, p);
  }

  /** Why the approval no longer holds, or null when the change set is still exactly the one approved. */
  function voidReasonOf(p: Promotion, changeSet: ChangeSetFacts | null, hash: string | undefined): string | null {
    if (!changeSet) return 'the change set no longer exists';
    if (changeSet.arn !== p.changeSetArn) return `the change set is another one (${changeSet.arn})`;
    if (changeSet.executionStatus !== 'AVAILABLE') {
      return `the change set is ${changeSet.executionStatus}, not AVAILABLE (the stack changed since it was created?)`;
    }
    if (hash !== p.changeSetHash) return 'the change set differs from the one approved (template or parameters hash changed)';
    return null;
  }

  async function executeApproved(user: User, p: Promotion): Promise<Promotion> {
    const actor = actorOf(user);
    if (p.status === 'expired') throw refused('Expired', 'The approval expired; request again.', p);
    if (p.status !== 'approved') throw refused('NotApproved', `The request is ${p.status}, not approved.`, p);
    if (p.expiresAt && clock.now().getTime() > Date.parse(p.expiresAt)) {
      const outcome = 'the approval expired before execution';
      const patch = { finishedAt: iso(), outcome };
      const expired = await move(p, { from: ['approved'], to: 'expired', patch, actor, action: 'promotion.expired', outcome });
      if (!expired) return lostRace(p.id, 'executed');
      await cleanUpChangeSet(p);
      throw refused('Expired', 'The approval expired; request again.', expired);
    }
    /** Stays approved, with the reason recorded; an AWS failure while checking is rethrown after. */
    const keepApproved = async (action: AuditAction, reason: string) =>
      (await move(p, { from: ['approved'], to: 'approved', patch: { lastError: reason }, actor, action, outcome: reason })) ?? p;
    const recordingAwsFailure = async <T>(read: () => Promise<T>): Promise<T> => {
      try {
        return await read();
      } catch (error) {
        if (error instanceof AwsCallError) await keepApproved('promotion.execute-failed', failureText(error));
        throw error;
      }
    };

    const { changeSet, hash } = await recordingAwsFailure(async () => {
      const found = await cfn.describeChangeSet(p.stackName, p.changeSetArn ?? p.changeSetName);
      if (found?.status !== 'CREATE_COMPLETE') return { changeSet: found, hash: undefined };
      const template = await cfn.getChangeSetTemplate(p.stackName, found.arn);
      return { changeSet: found, hash: changeSetHash(template, found.parameters) };
    });
    const executingPatch = { executedBy: user.id, executedAt: iso(), lastError: undefined };

    // Executed already (an earlier call reached CloudFormation but its answer was lost): follow that update.
    if (changeSet && changeSet.arn === p.changeSetArn && changeSet.executionStatus.startsWith('EXECUTE_')) {
      const patch = executingPatch;
      const executing = await move(p, { from: ['approved'], to: 'executing', patch, actor, action: 'promotion.executed' });
      if (!executing) return lostRace(p.id, 'executed');
      watch.start(p.id);
      return executing;
    }
    const voidReason = voidReasonOf(p, changeSet, hash);
    if (voidReason) {
      const patch = { finishedAt: iso(), outcome: voidReason, lastError: voidReason };
      const action = 'promotion.voided';
      const voided = await move(p, { from: ['approved'], to: 'void', patch, actor, action, outcome: voidReason });
      if (!voided) return lostRace(p.id, 'executed');
      throw refused('Void', `The approval is void: ${voidReason}. Request again.`, voided);
    }

    const gathered = await recordingAwsFailure(() => deps.gatherPreflight(p.stackName, { fresh: true }));
    const preflight = gathered ? withoutExplained(gathered.preflight) : null;
    if (!preflight?.ok) {
      const reason = preflight ? `Preflight failed again: ${describeFailures(preflight)}` : 'The stack no longer exists.';
      const kept = await keepApproved('promotion.execute-refused', reason);
      throw new PromotionError('PreflightFailed', reason, { ...(preflight ? { preflight } : {}), promotion: kept });
    }

    const executing = await move(p, { from: ['approved'], to: 'executing', patch: executingPatch, actor });
    if (!executing) return lostRace(p.id, 'executed');
    try {
      await cfn.executeChangeSet(p.stackName, changeSet!.arn, p.token);
    } catch (error) {
      const reason = failureText(error);
      // AWS never ran it: the request page must not say "executed at".
      const patch = { lastError: reason, executedBy: undefined, executedAt: undefined };
      await move(executing, {
        from: ['executing'],
        to: 'approved',
        patch,
        actor,
        action: 'promotion.execute-failed',
        outcome: reason,
      });
      throw error;
    }
    await store.appendAudit(promotionAudit(actor, 'promotion.executed', executing, 'ok'));
    watch.start(p.id);
    return executing;
  }

  return {
    request,
    approve,
    reject,
    execute,
    cancel,
    // A read that finds an update still running (after a restart, or on another instance) watches it from here on.
    reconcile: async (id) => {
      const p = await watch.reconcile(id);
      if (p?.status === 'executing') watch.start(id);
      return p;
    },
    resumeWatches: watch.resume,
    dispose: watch.dispose,
    ...createStackActions(deps, newId),
  };
}
