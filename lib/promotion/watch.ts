import { promotionAudit, SYSTEM_ACTOR, type PromotionDeps } from './deps';
import { updateOutcome } from './outcome';
import type { Promotion, PromotionStatus } from './types';
import type { AuditAction } from '@/lib/store/types';

/** How many of the stack's newest events are read to find the promotion's update (a TapStack update has ~15). */
const EVENTS_READ = 300;
const MAX_BACKOFF_MS = 60_000;

export interface Watch {
  /** Brings one request up to date with the clock and the stack; reads AWS, never writes to it. */
  reconcile(id: string): Promise<Promotion | null>;
  /** Polls an executing request's update in this process until it ends (one watcher per request). */
  start(id: string): void;
  /** Starts a watcher for every executing request this process does not watch yet; how many it started. */
  resume(): Promise<number>;
  dispose(): void;
}

/**
 * The end of a promotion: the in-process watcher that follows the update after ExecuteChangeSet, and
 * `reconcile`, the same judgement once, which reads call so a restart (or another instance) loses nothing.
 * The update is found by its ClientRequestToken in the stack's events, so a later operation cannot be mistaken
 * for it.
 *
 * With several instances on one database, any of them may watch a request: `resume` (at start and then
 * periodically, runtime.ts) picks up the requests whose instance died mid-update. Two instances watching one
 * request cost one more DescribeStackEvents per poll while it runs, never a second outcome: every end is a
 * compare-and-set from `executing`, so exactly one watcher records it.
 */
export function createWatch(deps: PromotionDeps, log: (message: string, error?: unknown) => void): Watch {
  const { store, cfn, clock, settings } = deps;
  const watchers = new Map<string, { stop(): void }>();
  const iso = () => clock.now().toISOString();

  /** from → to by the clock or the stack, recorded as tapdeck (the system actor). */
  function finish(p: Promotion, to: PromotionStatus, action: AuditAction, outcome: string, extra: Partial<Promotion> = {}) {
    const patch = { ...extra, outcome, updatedAt: iso(), ...(to === 'approved' ? {} : { finishedAt: iso() }) };
    // The audit log's convention: 'ok' for success, else what went wrong; the request keeps the details.
    const audit = promotionAudit(SYSTEM_ACTOR, action, { ...p, ...patch, status: to }, to === 'promoted' ? 'ok' : outcome);
    return store.transitionPromotion(p.id, { from: [p.status], to, patch }, audit);
  }

  const older = (iso: string | undefined, ms: number) => iso !== undefined && clock.now().getTime() - Date.parse(iso) > ms;

  async function reconcileExecuting(p: Promotion): Promise<Promotion | null> {
    const events = await cfn.listStackEvents(p.stackName, EVENTS_READ).catch(async (error: unknown) => {
      // Deleted under an executing promotion: nothing is left to watch (else the watcher would retry forever).
      if ((await cfn.describeStackForWrite(p.stackName)) === null) return null;
      throw error;
    });
    if (events === null) return finish(p, 'failed', 'promotion.rolled-back', 'the stack was deleted while the promotion ran');
    const outcome = updateOutcome(events, p.stackName, p.token);
    if (outcome.kind === 'complete') {
      // The update with our token completed: the approved change set (Mode apply) is what the stack ran.
      const mode = (await cfn.describeStackForWrite(p.stackName))?.parameters.Mode;
      const now =
        mode === 'apply' ? 'the stack runs with Mode apply' : `Mode is ${mode ?? 'unknown'} now: another update followed`;
      return finish(p, 'promoted', 'promotion.promoted', `UPDATE_COMPLETE: ${now}`);
    }
    if (outcome.kind === 'rolled-back')
      return finish(p, 'rolled-back', 'promotion.rolled-back', `UPDATE_ROLLBACK_COMPLETE: ${outcome.cause}`);
    // An update that failed and could not roll back: no action of its own in the audit vocabulary; the outcome says.
    if (outcome.kind === 'failed')
      return finish(p, 'failed', 'promotion.rolled-back', `${outcome.event.status}: ${outcome.cause}`);
    // No trace of the update yet: normal right after ExecuteChangeSet; after the grace time, the call never took
    // effect (the process died between the status change and the call), so it may be executed again.
    if (!older(p.executedAt, settings.executeGraceMs)) return p;
    const stack = await cfn.describeStackForWrite(p.stackName);
    if (stack?.status.endsWith('_IN_PROGRESS')) return p;
    const reason = `CloudFormation shows no update with token ${p.token}: ExecuteChangeSet did not take effect; execute again`;
    return finish(p, 'approved', 'promotion.execute-failed', reason, { lastError: reason });
  }

  async function reconcile(id: string): Promise<Promotion | null> {
    const p = await store.getPromotion(id);
    if (!p) return null;
    let next: Promotion | null = p;
    if (p.status === 'creating' && older(p.requestedAt, settings.creatingTimeoutMs)) {
      const outcome = 'interrupted while its change set was created; request again';
      next = await finish(p, 'failed', 'promotion.request-failed', outcome, { lastError: 'interrupted' });
    } else if (p.status === 'awaiting-approval' && older(p.requestedAt, settings.approvalTtlMs)) {
      next = await finish(p, 'expired', 'promotion.expired', `not approved within ${settings.approvalTtlMs / 60_000} min`);
    } else if (p.status === 'approved' && p.expiresAt && clock.now().getTime() > Date.parse(p.expiresAt)) {
      next = await finish(p, 'expired', 'promotion.expired', 'the approval expired before execution');
    } else if (p.status === 'executing') {
      next = await reconcileExecuting(p);
    }
    // Lost a race with another reconcile or a person: what the store has now is the answer.
    return next ?? store.getPromotion(id);
  }

  function start(id: string): void {
    if (watchers.has(id)) return;
    let stopped = false;
    watchers.set(id, { stop: () => (stopped = true) });
    void (async () => {
      let delay = settings.watchPollMs;
      while (!stopped) {
        await clock.sleep(delay);
        if (stopped) break;
        try {
          const p = await reconcile(id);
          if (!p || p.status !== 'executing') break;
          delay = settings.watchPollMs;
        } catch (error) {
          log(`watching promotion ${id}`, error);
          delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        }
      }
      watchers.delete(id);
    })();
  }

  async function resume(): Promise<number> {
    const executing = await store.listPromotionsInStatus(['executing'], 500);
    const fresh = executing.filter((p) => !watchers.has(p.id));
    for (const p of fresh) start(p.id);
    return fresh.length;
  }

  function dispose(): void {
    for (const watcher of watchers.values()) watcher.stop();
    watchers.clear();
  }

  return { reconcile, start, resume, dispose };
}
