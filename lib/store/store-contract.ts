import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmNoteInput } from '@/lib/alarms/notes';
import type { Promotion } from '@/lib/promotion/types';
import { hashAuditEntry } from './audit-hash';
import type { AuditInput, Store } from './types';

/**
 * What every Store must do, written against the interface only, so the PostgreSQL store can run the same tests:
 *
 *   describeStoreContract('sqlite', makeSqliteHarness);
 *
 * A harness owns one fresh database. `open()` is a new store on it with its own connection (tests use two to race
 * them, and close/reopen to show data survives); the tamper hooks change the audit table behind the store's back,
 * as someone with access to the database would.
 */
export interface StoreHarness {
  open(): Promise<Store>;
  tamperAudit(seq: number, change: { outcome?: string; actor?: string }): Promise<void>;
  deleteAudit(seq: number): Promise<void>;
  dispose(): Promise<void>;
}

export function auditInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    actor: 'operator@example.com',
    actorName: 'Olive Operator',
    actorRole: 'operator',
    action: 'promotion.requested',
    account: '111111111111',
    region: 'us-east-1',
    stackName: 'TapStack',
    outcome: 'ok',
    ...overrides,
  };
}

export function promotionFixture(overrides: Partial<Promotion> = {}): Promotion {
  const id = overrides.id ?? `p-${Math.random().toString(36).slice(2, 10)}`;
  return {
    id,
    stackName: 'TapStack',
    stackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/TapStack/0b1c',
    account: '111111111111',
    region: 'us-east-1',
    status: 'awaiting-approval',
    requestedBy: 'operator@example.com',
    requestedByName: 'Olive Operator',
    requestedByRole: 'operator',
    requestedAt: '2025-01-02T10:00:00.000Z',
    changeSetName: `tapdeck-promote-${id}`,
    changes: [
      {
        logicalId: 'Workflow',
        resourceType: 'AWS::StepFunctions::StateMachine',
        action: 'Modify',
        replacement: 'False',
        details: ['DefinitionSubstitutions'],
      },
    ],
    paramsBefore: { Mode: 'dry-run' },
    paramsAfter: { Mode: 'apply' },
    token: `tapdeck-${id}`,
    updatedAt: '2025-01-02T10:00:00.000Z',
    ...overrides,
  };
}

export function alarmNoteInput(overrides: Partial<AlarmNoteInput> = {}): AlarmNoteInput {
  return {
    kind: 'acknowledged',
    stackName: 'TapStack',
    alarmName: 'TapStack-throttles',
    by: 'local:operator',
    byName: 'Olive Operator',
    note: 'looking at the target account',
    ...overrides,
  };
}

const approve = { from: ['awaiting-approval'], to: 'approved' } as const;
const execute = { from: ['approved'], to: 'executing' } as const;

export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let opened: Store[];
    let store: Store;
    const openStore = async () => {
      const next = await harness.open();
      opened.push(next);
      return next;
    };
    const appendMany = async (count: number, make: (i: number) => Partial<AuditInput> = () => ({})) => {
      for (let i = 0; i < count; i++) await store.appendAudit(auditInput(make(i)));
    };

    beforeEach(async () => {
      harness = await makeHarness();
      opened = [];
      store = await openStore();
    });
    afterEach(async () => {
      for (const each of opened) each.close();
      await harness.dispose();
    });

    describe('audit log', () => {
      it('numbers entries from 1, stamps UTC times with milliseconds, and chains each to the one before', async () => {
        const first = await store.appendAudit(auditInput());
        const second = await store.appendAudit(auditInput({ action: 'promotion.approved', actor: 'approver@example.com' }));
        expect([first.seq, second.seq]).toEqual([1, 2]);
        expect(first.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(first.prevHash).toBe('');
        expect(second.prevHash).toBe(first.hash);
        expect(second.hash).toBe(hashAuditEntry(second));
        expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('lists newest first with every field as written, absent optional fields left out', async () => {
        const full = auditInput({
          action: 'promotion.executed',
          promotionId: 'p-1',
          changeSetArn: 'arn:aws:cloudformation:us-east-1:111111111111:changeSet/x/1',
          token: 'tapdeck-p-1',
          paramsBefore: { Mode: 'dry-run' },
          paramsAfter: { Mode: 'apply' },
          comment: 'after the 14:02 dry run',
        });
        const plain = auditInput({ comment: undefined });
        await store.appendAudit(full);
        await store.appendAudit({ ...plain, extra: 'not persisted' } as AuditInput);
        const [newest, oldest] = await store.listAudit();
        expect(newest).toEqual({ ...plain, seq: 2, at: expect.any(String), prevHash: oldest!.hash, hash: expect.any(String) });
        expect(newest).not.toHaveProperty('extra');
        expect(newest).not.toHaveProperty('comment');
        expect(oldest).toMatchObject({ ...full, seq: 1 });
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 2 });
      });

      it('filters by stack, action and actor, pages back with beforeSeq, and stores quotes as text', async () => {
        const odd = "Tap'Stack; DROP TABLE audit; --";
        await appendMany(12, (i) => ({
          stackName: i % 2 ? odd : 'TapStack',
          action: i % 3 ? 'promotion.requested' : 'promotion.approved',
          actor: i < 6 ? 'a@example.com' : 'b@example.com',
        }));
        const seqs = async (filter: Parameters<Store['listAudit']>[0]) =>
          (await store.listAudit(filter)).map((entry) => entry.seq);
        expect(await seqs({ stackName: odd })).toEqual([12, 10, 8, 6, 4, 2]);
        expect(await seqs({ action: 'promotion.approved' })).toEqual([10, 7, 4, 1]);
        expect(await seqs({ actor: 'a@example.com', stackName: 'TapStack' })).toEqual([5, 3, 1]);
        expect(await seqs({ beforeSeq: 5 })).toEqual([4, 3, 2, 1]);
        expect(await seqs({ beforeSeq: 9, limit: 3 })).toEqual([8, 7, 6]);
        expect(await seqs({ stackName: 'nothing' })).toEqual([]);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 12 });
      });

      it('returns 100 entries by default and never more than 500', async () => {
        await appendMany(510);
        expect(await store.listAudit()).toHaveLength(100);
        expect(await store.listAudit({ limit: 10_000 })).toHaveLength(500);
        expect((await store.listAudit({ limit: 0 })).length).toBeGreaterThan(0);
      });

      it('verifies an empty log and a long one', async () => {
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 0 });
        await appendMany(40);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 40 });
      });

      it('names the first altered entry when an outcome or an actor is changed behind its back', async () => {
        await appendMany(10);
        await harness.tamperAudit(7, { outcome: 'ok (edited)' });
        await harness.tamperAudit(4, { actor: 'someone-else@example.com' });
        const result = await store.verifyAudit();
        expect(result).toMatchObject({ ok: false, count: 3, firstBadSeq: 4 });
        expect(!result.ok && result.reason).toMatch(/entry 4 was altered/);
      });

      it('names the entry after a deleted one', async () => {
        await appendMany(10);
        await harness.deleteAudit(6);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: false, count: 5, firstBadSeq: 7, reason: 'entry 6 is missing' });
      });

      it('catches a deleted newest entry, and keeps showing it after later appends', async () => {
        await appendMany(5);
        await harness.deleteAudit(5);
        const result = await store.verifyAudit();
        expect(result).toMatchObject({ ok: false, count: 4, firstBadSeq: 5 });
        expect(!result.ok && result.reason).toMatch(/entry 5 is missing/);

        const next = await store.appendAudit(auditInput());
        expect(next.seq).toBe(6);
        await expect(store.verifyAudit()).resolves.toMatchObject({ ok: false, firstBadSeq: 6, reason: 'entry 5 is missing' });
      });

      it('catches a deleted first entry', async () => {
        await appendMany(3);
        await harness.deleteAudit(1);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: false, count: 0, firstBadSeq: 2, reason: 'entry 1 is missing' });
      });
    });

    describe('promotions', () => {
      it('creates a request with its audit entry and reads it back as written', async () => {
        const request = promotionFixture({ comment: 'ship it', changeSetHash: 'abc123' });
        await expect(store.createPromotion(request, auditInput({ promotionId: request.id }))).resolves.toEqual(request);
        await expect(store.getPromotion(request.id)).resolves.toEqual(request);
        await expect(store.getPromotion('missing')).resolves.toBeNull();
        const audit = await store.listAudit();
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ action: 'promotion.requested', promotionId: request.id });
      });

      it('refuses a second open request for a stack, and appends nothing for it', async () => {
        const first = promotionFixture({ status: 'creating' });
        await store.createPromotion(first, auditInput());
        for (const status of ['creating', 'awaiting-approval', 'approved', 'executing'] as const) {
          await expect(store.createPromotion(promotionFixture({ status }), auditInput())).resolves.toBeNull();
        }
        expect(await store.listAudit()).toHaveLength(1);
        // Another stack is free, and so is this one once its request is closed.
        await expect(store.createPromotion(promotionFixture({ stackName: 'OtherStack' }), auditInput())).resolves.not.toBeNull();
        await store.transitionPromotion(first.id, { from: ['creating'], to: 'failed' });
        await expect(store.createPromotion(promotionFixture(), auditInput())).resolves.not.toBeNull();
      });

      it('rejects a duplicate id instead of reading it as a conflict', async () => {
        const request = promotionFixture({ status: 'failed' });
        await store.createPromotion(request, auditInput());
        await expect(store.createPromotion({ ...request, stackName: 'OtherStack' }, auditInput())).rejects.toThrow();
      });

      it('finds the open request and lists a stack’s requests newest first', async () => {
        await expect(store.openPromotion('TapStack')).resolves.toBeNull();
        const old = promotionFixture({ status: 'rejected', requestedAt: '2025-01-01T09:00:00.000Z' });
        const open = promotionFixture({ status: 'approved', requestedAt: '2025-01-03T09:00:00.000Z' });
        const middle = promotionFixture({ status: 'rolled-back', requestedAt: '2025-01-02T09:00:00.000Z' });
        for (const request of [old, open, middle]) await store.createPromotion(request, auditInput());
        await store.createPromotion(promotionFixture({ stackName: 'OtherStack' }), auditInput());
        await expect(store.openPromotion('TapStack')).resolves.toEqual(open);
        expect((await store.listPromotions('TapStack')).map((p) => p.id)).toEqual([open.id, middle.id, old.id]);
        expect((await store.listPromotions('TapStack', 2)).map((p) => p.id)).toEqual([open.id, middle.id]);
      });

      it('lists requests of every stack in the given statuses, newest first', async () => {
        const old = promotionFixture({ status: 'executing', stackName: 'A', requestedAt: '2025-01-01T09:00:00.000Z' });
        const recent = promotionFixture({ status: 'executing', stackName: 'B', requestedAt: '2025-01-03T09:00:00.000Z' });
        const approved = promotionFixture({ status: 'approved', stackName: 'C', requestedAt: '2025-01-02T09:00:00.000Z' });
        const done = promotionFixture({ status: 'promoted', stackName: 'A', requestedAt: '2025-01-04T09:00:00.000Z' });
        for (const request of [old, recent, approved, done]) await store.createPromotion(request, auditInput());
        expect((await store.listPromotionsInStatus(['executing'])).map((p) => p.id)).toEqual([recent.id, old.id]);
        expect((await store.listPromotionsInStatus(['executing', 'approved'], 2)).map((p) => p.id)).toEqual([
          recent.id,
          approved.id,
        ]);
        await expect(store.listPromotionsInStatus(['void'])).resolves.toEqual([]);
        await expect(store.listPromotionsInStatus(['promoted'])).resolves.toEqual([done]);
      });

      it('applies a transition only from the expected status, with its audit entry', async () => {
        const request = promotionFixture({ lastError: 'Throttling' });
        await store.createPromotion(request, auditInput());

        await expect(
          store.transitionPromotion(request.id, execute, auditInput({ action: 'promotion.executed' })),
        ).resolves.toBeNull();
        await expect(store.transitionPromotion('missing', approve, auditInput())).resolves.toBeNull();
        expect(await store.listAudit()).toHaveLength(1);

        const patch = { decidedBy: 'approver@example.com', decidedAt: '2025-01-02T10:05:00.000Z', lastError: undefined };
        const approved = await store.transitionPromotion(
          request.id,
          { ...approve, patch },
          auditInput({ action: 'promotion.approved' }),
        );
        expect(approved).toMatchObject({ status: 'approved', decidedBy: 'approver@example.com', stackName: request.stackName });
        expect(approved).not.toHaveProperty('lastError');
        expect(approved!.updatedAt > request.updatedAt).toBe(true);
        await expect(store.getPromotion(request.id)).resolves.toEqual(approved);
        expect((await store.listAudit()).map((entry) => entry.action)).toEqual(['promotion.approved', 'promotion.requested']);
      });

      it('leaves the request as it was when its audit entry cannot be written', async () => {
        const request = promotionFixture();
        await store.createPromotion(request, auditInput());
        const broken = auditInput({ actor: undefined as unknown as string });
        await expect(store.transitionPromotion(request.id, approve, broken)).rejects.toThrow();
        await expect(store.getPromotion(request.id)).resolves.toEqual(request);
        await expect(store.createPromotion(promotionFixture({ stackName: 'OtherStack' }), broken)).rejects.toThrow();
        await expect(store.openPromotion('OtherStack')).resolves.toBeNull();
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 1 });
      });

      it('lets exactly one of 50 simultaneous executions through', async () => {
        const request = promotionFixture({ status: 'approved' });
        await store.createPromotion(request, auditInput());
        const attempts = Array.from({ length: 50 }, (_, i) =>
          store.transitionPromotion(
            request.id,
            { ...execute, patch: { executedBy: `approver-${i}` } },
            auditInput({ action: 'promotion.executed', actor: `approver-${i}` }),
          ),
        );
        const results = await Promise.all(attempts);
        const winners = results.filter((result) => result !== null);
        expect(winners).toHaveLength(1);
        expect((await store.listAudit({ action: 'promotion.executed' })).map((entry) => entry.actor)).toEqual([
          winners[0]!.executedBy,
        ]);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 2 });
      });

      it('lets exactly one through when two connections race', async () => {
        const other = await openStore();
        const request = promotionFixture({ status: 'approved' });
        await store.createPromotion(request, auditInput());
        const attempts = Array.from({ length: 50 }, (_, i) =>
          (i % 2 ? other : store).transitionPromotion(
            request.id,
            execute,
            auditInput({ action: 'promotion.executed', actor: `approver-${i}` }),
          ),
        );
        expect((await Promise.all(attempts)).filter((result) => result !== null)).toHaveLength(1);
        await expect(other.getPromotion(request.id)).resolves.toMatchObject({ status: 'executing' });
        expect(await other.listAudit({ action: 'promotion.executed' })).toHaveLength(1);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 2 });
      });
    });

    describe('alarm notes', () => {
      const noteAudit = (action: 'alarm.acknowledged' | 'alarm.muted' | 'alarm.unmuted') =>
        auditInput({ action, actor: 'local:operator' });

      it('stores an acknowledgement, a mute and an unmute with who and when, newest first, each with its audit entry', async () => {
        const ack = await store.addAlarmNote(alarmNoteInput(), noteAudit('alarm.acknowledged'));
        expect(ack).toEqual({ ...alarmNoteInput(), id: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
        const mute = await store.addAlarmNote(
          alarmNoteInput({
            kind: 'muted',
            note: undefined,
            reason: 'noisy during the migration',
            expiresAt: '2030-01-01T00:00:00.000Z',
          }),
          noteAudit('alarm.muted'),
        );
        const unmute = await store.addAlarmNote(alarmNoteInput({ kind: 'unmuted', note: undefined }), noteAudit('alarm.unmuted'));
        expect(mute.id).toBeGreaterThan(ack.id);
        expect(unmute.id).toBeGreaterThan(mute.id);
        const notes = await store.listAlarmNotes('TapStack');
        expect(notes.map((n) => n.kind)).toEqual(['unmuted', 'muted', 'acknowledged']);
        expect(notes[1]).toMatchObject({ reason: 'noisy during the migration', expiresAt: '2030-01-01T00:00:00.000Z' });
        expect(notes[1]).not.toHaveProperty('note');
        expect((await store.listAudit()).map((e) => e.action)).toEqual(['alarm.unmuted', 'alarm.muted', 'alarm.acknowledged']);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 3 });
      });

      it('lists by stack and by alarm, and limits the list', async () => {
        await store.addAlarmNote(alarmNoteInput({ alarmName: 'a' }), noteAudit('alarm.acknowledged'));
        await store.addAlarmNote(alarmNoteInput({ alarmName: 'b' }), noteAudit('alarm.acknowledged'));
        await store.addAlarmNote(alarmNoteInput({ alarmName: 'a', stackName: 'Other' }), noteAudit('alarm.acknowledged'));
        await store.addAlarmNote(alarmNoteInput({ alarmName: 'a' }), noteAudit('alarm.acknowledged'));
        expect(await store.listAlarmNotes('TapStack')).toHaveLength(3);
        expect((await store.listAlarmNotes('TapStack', { alarmName: 'a' })).map((n) => n.stackName)).toEqual([
          'TapStack',
          'TapStack',
        ]);
        expect(await store.listAlarmNotes('TapStack', { limit: 1 })).toHaveLength(1);
        expect(await store.listAlarmNotes('Nothing')).toEqual([]);
      });

      it('writes neither the note nor the audit entry when one of them cannot be written', async () => {
        const broken = auditInput({ actor: undefined as unknown as string });
        await expect(store.addAlarmNote(alarmNoteInput(), broken)).rejects.toThrow();
        await expect(
          store.addAlarmNote(alarmNoteInput({ kind: 'muted', expiresAt: undefined }), noteAudit('alarm.muted')),
        ).rejects.toThrow();
        expect(await store.listAlarmNotes('TapStack')).toEqual([]);
        await expect(store.verifyAudit()).resolves.toEqual({ ok: true, count: 0 });
      });

      it('keeps notes across close and reopen', async () => {
        const note = await store.addAlarmNote(alarmNoteInput(), noteAudit('alarm.acknowledged'));
        store.close();
        const again = await openStore();
        await expect(again.listAlarmNotes('TapStack')).resolves.toEqual([note]);
      });
    });

    it('keeps everything across close and reopen, and opening again changes nothing', async () => {
      const request = promotionFixture();
      await store.createPromotion(request, auditInput());
      await appendMany(3);
      const before = await store.listAudit();
      store.close();
      const again = await openStore();
      const third = await openStore();
      await expect(again.getPromotion(request.id)).resolves.toEqual(request);
      await expect(third.listAudit()).resolves.toEqual(before);
      await expect(third.verifyAudit()).resolves.toEqual({ ok: true, count: 4 });
      const next = await again.appendAudit(auditInput());
      expect(next).toMatchObject({ seq: 5, prevHash: before[0]!.hash });
    });
  });
}
