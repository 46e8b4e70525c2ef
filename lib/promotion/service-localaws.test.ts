/**
 * The promotion gate against a real localaws: the service wired to the real lib/aws adapters (pointed at localaws
 * through AWS_ENDPOINT_URL, which config.ts reads on first use) and the real SQLite store, the TapStack deployed
 * with the demo seed; one story runs three services on one real PostgreSQL, as three instances would. Stories are independent: each starts from `readyForPromotion()` (dry-run mode, alarms OK,
 * three fresh dry runs), whatever the story before it left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStackEventsCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCallError } from '@/lib/aws/client-config';
import { describeAlarmsByName } from '@/lib/aws/cloudwatch';
import { describeStack } from '@/lib/aws/cloudformation';
import { listRecentExecutions } from '@/lib/aws/sfn';
import { readAlignmentEvidence, startExecution } from '@/lib/aws/sfn-writes';
import type { User } from '@/lib/auth/roles';
import { readCmkBinding } from '@/lib/cmk/read-binding';
import { openPostgresStore, type PostgresStore } from '@/lib/store/postgres-store';
import { openSqliteStore } from '@/lib/store/sqlite-store';
import { startPostgres, type PostgresServer } from '@/scripts/lib/postgres-server';
import type { Store } from '@/lib/store/types';
import { seedDemo, type DemoParameters } from '@/scripts/demo';
import { startLocalaws, type Localaws } from 'localaws';
import { DEFAULT_TIMINGS, type PromotionSettings } from './deps';
import { PromotionError } from './errors';
import { createPreflightGatherer, type GatherPreflight } from './gather';
import { realCfn } from './runtime';
import { createPromotionService, type PromotionService } from './service';
import { createLocalawsLab, sleep, until, type LocalawsLab } from './testing/localaws-lab';
import type { Promotion, PromotionStatus } from './types';

const SPEED = 200;
const REGION = 'us-east-1';
const MAIN = 'TapStack-promo';
const MISALIGNED = 'TapStack-misaligned';
const STORY = { timeout: 90_000 };

const user = (login: string, role: User['role']): User => ({ id: `local:${login}`, name: login, provider: 'local', role });
const operator = user('operator', 'operator');
const approver = user('approver', 'approver');
const secondApprover = user('april', 'approver');

const settings: PromotionSettings = {
  requiredDryRuns: 3,
  maxDryRunAgeMs: 60 * 60_000,
  approvalTtlMs: 60 * 60_000,
  // 2 minutes of rollback-trigger monitoring: 0.6 s at speed 200 (localaws scales it with its clock).
  monitoringMinutes: 2,
  ...DEFAULT_TIMINGS,
  changeSetPollMs: 25,
  watchPollMs: 50,
};

let server: Localaws;
let postgres: Promise<PostgresServer>;
let dataDir: string;
let store: Store;
let service: PromotionService;
let gather: GatherPreflight;
let cfn: CloudFormationClient;
let lab: LocalawsLab;
let seeded: DemoParameters;
let misalignedCreated: Promise<void>;
const timings: string[] = [];

// The lab's helpers, bound once beforeAll has created it.
const stackOf = (name: string) => lab.stackOf(name);
const settled = (name: string) => lab.settled(name);
const createTapStack = (...args: Parameters<LocalawsLab['createTapStack']>) => lab.createTapStack(...args);
const setAlarms = (...args: Parameters<LocalawsLab['setAlarms']>) => lab.setAlarms(...args);
const admin = (...args: Parameters<LocalawsLab['admin']>) => lab.admin(...args);
const dryRuns = (stack: string, count: number) => lab.dryRuns(stack, count);

/** Whatever the last story left: Mode dry-run, settled, alarms OK, no open request, three fresh dry runs. */
async function readyForPromotion(): Promise<void> {
  const t0 = Date.now();
  const stack = await lab.resetToDryRun(MAIN);
  await setAlarms(MAIN, 'OK');
  const open = await store.openPromotion(MAIN);
  if (open) await store.transitionPromotion(open.id, { from: [open.status], to: 'cancelled' });
  await dryRuns(MAIN, 3);
  timings.push(`ready in ${Date.now() - t0} ms (${stack.status})`);
}

async function statusBecomes(id: string, status: PromotionStatus, timeoutMs = 30_000): Promise<Promotion> {
  return until(
    `promotion ${status}`,
    async () => (await service.reconcile(id))!,
    (p) => p.status === status || !['creating', 'awaiting-approval', 'approved', 'executing'].includes(p.status),
    timeoutMs,
  ).then((p) => {
    expect(p.status, p.outcome ?? p.lastError).toBe(status);
    return p;
  });
}

const auditActions = async (promotionId: string) =>
  (await store.listAudit({ stackName: MAIN, limit: 500 }))
    .filter((e) => e.promotionId === promotionId)
    .map((e) => e.action)
    .reverse();

beforeAll(async () => {
  const t0 = Date.now();
  server = await startLocalaws({ port: 0, speed: SPEED, log: () => undefined });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.url,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  dataDir = mkdtempSync(join(tmpdir(), 'tapdeck-promotion-'));
  store = openSqliteStore(join(dataDir, 'tapdeck.db'));
  gather = createPreflightGatherer({
    reads: { describeStack, describeAlarmsByName, listRecentExecutions, readAlignmentEvidence, readCmkBinding },
    settings,
    ttlMs: 0,
  });
  service = createPromotionService({
    store,
    cfn: realCfn,
    sfn: { startExecution },
    gatherPreflight: gather,
    clock: { now: () => new Date(), sleep },
    settings,
    log: () => undefined,
  });

  seeded = (await seedDemo(server.url, { log: () => undefined })).parameters;
  lab = createLocalawsLab(server.url, REGION, seeded);
  ({ cfn } = lab);
  // The role TapStackTarget exists in 111111111111 only: a TargetAccountId of 222222222222 makes the workflow
  // assume a role that is not there. Created in the background; its story waits for it.
  misalignedCreated = createTapStack(MISALIGNED, 'misaligned', { TargetAccountId: '222222222222' });
  misalignedCreated.catch(() => undefined);
  await createTapStack(MAIN, 'promo', { ErrorThreshold: '1', ThrottleThreshold: '1' });
  timings.push(`localaws + seed + ${MAIN} CREATE_COMPLETE in ${Date.now() - t0} ms`);
}, 120_000);

afterAll(async () => {
  if (timings.length > 0) console.log(`promotion on localaws:\n  ${timings.join('\n  ')}`);
  service?.dispose();
  store?.close();
  lab?.destroy();
  await misalignedCreated?.catch(() => undefined);
  await server?.close();
  await (await postgres?.catch(() => undefined))?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the promotion gate on localaws', () => {
  it('passes the preflight of a freshly deployed stack after three dry runs, with evidence from AWS', STORY, async () => {
    await readyForPromotion();
    const result = await gather(MAIN, { fresh: true });
    const failing = result?.preflight.items.filter((i) => !i.ok).map((i) => `${i.id}: ${i.evidence}`);
    expect(failing).toEqual([]);
    const evidence = Object.fromEntries(result!.preflight.items.map((i) => [i.id, i.evidence]));
    expect(evidence['role-aligned']).toMatch(
      /ran as arn:aws:sts::111111111111:assumed-role\/TapStackTarget\/\S+ in account 111111111111$/,
    );
    expect(evidence['cmk-bound']).toMatch(/all \d key-policy checks pass$/);
    expect(evidence['prechecks-read']).toMatch(
      /read 3 buckets and 3 tables; apply would enable versioning on tapdeck-demo-scratch-111111111111, enable PITR on tapdeck-demo-sessions$/,
    );

    // The dashboard's button: named after the user and the second; a double click starts two executions, each recorded.
    const [first, second] = await Promise.all([service.startDryRun(operator, MAIN), service.startDryRun(operator, MAIN)]);
    expect(first.name).toMatch(/^tapdeck-operator-\d{8}T\d{6}-[0-9a-f]{4}$/);
    expect(second.executionArn).not.toBe(first.executionArn);
    const entries = await store.listAudit({ stackName: MAIN, action: 'execution.dry-run-started', limit: 2 });
    expect(entries.map((entry) => entry.token).sort()).toEqual([first.name, second.name].sort());
    expect(entries[0]).toMatchObject({ actor: operator.id, account: '000000000000', region: REGION, outcome: 'ok' });
  });

  it(
    'promotes: request (a change set touching only the workflow), approval by another user, UPDATE_COMPLETE with Mode apply; then demotes',
    STORY,
    async () => {
      await readyForPromotion();
      const t0 = Date.now();
      const requested = await service.request(operator, MAIN, 'three green dry runs');
      expect(requested).toMatchObject({
        status: 'awaiting-approval',
        account: '000000000000',
        region: REGION,
        paramsAfter: { ...requested.paramsBefore, Mode: 'apply' },
      });
      expect(requested.changes.length).toBeGreaterThan(0);
      // Only the workflow: its state machine (Mode reaches it through DefinitionSubstitutions) and its role/policy.
      expect(requested.changes.map((c) => c.resourceType)).toContain('AWS::StepFunctions::StateMachine');
      for (const change of requested.changes)
        expect(['AWS::StepFunctions::StateMachine', 'AWS::IAM::Role', 'AWS::IAM::Policy']).toContain(change.resourceType);
      expect(requested.changes.find((c) => c.resourceType === 'AWS::StepFunctions::StateMachine')).toMatchObject({
        action: 'Modify',
        replacement: 'False',
      });
      timings.push(
        `request → awaiting-approval in ${Date.now() - t0} ms: ${requested.changes.map((c) => `${c.logicalId} ${c.action} [${c.details.join(', ')}]`).join('; ')}`,
      );

      expect(await service.approve(operator, requested.id).catch((e: unknown) => e)).toMatchObject({ code: 'SelfApproval' });
      const t1 = Date.now();
      await expect(service.approve(approver, requested.id, 'ok')).resolves.toMatchObject({ status: 'executing' });
      const promoted = await statusBecomes(requested.id, 'promoted');
      timings.push(`approve → promoted in ${Date.now() - t1} ms (${promoted.outcome})`);
      expect(await stackOf(MAIN)).toMatchObject({ status: 'UPDATE_COMPLETE', mode: 'apply', outputs: { ActiveMode: 'apply' } });
      expect(await auditActions(requested.id)).toEqual([
        'promotion.requested',
        'promotion.change-set-ready',
        'promotion.approved',
        'promotion.executed',
        'promotion.promoted',
      ]);

      const t2 = Date.now();
      const demoted = await service.demote(operator, MAIN, 'back to dry-run');
      expect(await settled(MAIN)).toMatchObject({
        status: 'UPDATE_COMPLETE',
        mode: 'dry-run',
        outputs: { ActiveMode: 'dry-run' },
      });
      timings.push(`demote → dry-run in ${Date.now() - t2} ms`);
      const [entry] = await store.listAudit({ stackName: MAIN, action: 'stack.demoted' });
      expect(entry).toMatchObject({
        actor: 'local:operator',
        token: demoted.token,
        paramsBefore: { Mode: 'apply' },
        paramsAfter: { Mode: 'dry-run' },
        comment: 'back to dry-run',
      });
      await expect(store.verifyAudit()).resolves.toMatchObject({ ok: true });
    },
  );

  it('fails no-alarms while one of the stack’s alarms is in ALARM, and refuses the request', STORY, async () => {
    await readyForPromotion();
    const [name] = await setAlarms(MAIN, 'ALARM', ['ThrottlesAlarmName']);
    try {
      const result = await gather(MAIN, { fresh: true });
      expect(result?.preflight.items.filter((i) => !i.ok).map((i) => [i.id, i.evidence])).toEqual([
        ['no-alarms', expect.stringMatching(new RegExp(`^${name} in ALARM since .*: set by the test \\(ALARM\\)$`))],
      ]);
      const error = await service.request(operator, MAIN).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PreflightFailed' });
      expect(await store.openPromotion(MAIN)).toBeNull();
    } finally {
      await setAlarms(MAIN, 'OK');
    }
  });

  it(
    'rolls the update back when an alarm goes to ALARM in the monitoring time: the request is rolled-back, naming the alarm',
    STORY,
    async () => {
      await readyForPromotion();
      const requested = await service.request(operator, MAIN);
      await service.approve(approver, requested.id);
      // Once the state machine is updated the stack stays UPDATE_IN_PROGRESS for the monitoring time.
      await until(
        'the state machine updated',
        () => cfn.send(new DescribeStackEventsCommand({ StackName: MAIN })),
        (out) =>
          (out.StackEvents ?? []).some(
            (e) =>
              e.ClientRequestToken === requested.token &&
              e.ResourceType === 'AWS::StepFunctions::StateMachine' &&
              e.ResourceStatus === 'UPDATE_COMPLETE',
          ),
      );
      const [alarm] = await setAlarms(MAIN, 'ALARM', ['ErrorsAlarmName']);
      const rolledBack = await statusBecomes(requested.id, 'rolled-back');
      expect(rolledBack.outcome).toMatch(new RegExp(`^UPDATE_ROLLBACK_COMPLETE: rollback trigger: alarm ${alarm} went to ALARM`));
      timings.push(`rolled back: ${rolledBack.outcome}`);
      expect(await stackOf(MAIN)).toMatchObject({ status: 'UPDATE_ROLLBACK_COMPLETE', mode: 'dry-run' });
      expect((await auditActions(requested.id)).at(-1)).toBe('promotion.rolled-back');
      await setAlarms(MAIN, 'OK');
    },
  );

  it(
    'survives AWS refusals: a throttled CreateChangeSet fails the request, a 500 on ExecuteChangeSet keeps it approved; retries succeed',
    STORY,
    async () => {
      await readyForPromotion();
      // count 2: the SDK tries twice (maxAttempts 2) before the failure reaches tapdeck.
      await admin('POST', '/_localaws/faults', {
        service: 'cloudformation',
        operation: 'CreateChangeSet',
        throttleRate: 1,
        count: 2,
      });
      const throttled = await service.request(operator, MAIN).catch((e: unknown) => e);
      expect(throttled).toBeInstanceOf(AwsCallError);
      expect(throttled).toMatchObject({ code: 'Throttling' });
      const [failed] = await store.listPromotions(MAIN, 1);
      expect(failed).toMatchObject({
        status: 'failed',
        outcome: 'AWS could not take the CreateChangeSet call just now (Throttling); try again in a minute.',
      });
      expect(await auditActions(failed!.id)).toEqual(['promotion.requested', 'promotion.request-failed']);

      const requested = await service.request(operator, MAIN);
      expect(requested.status).toBe('awaiting-approval');
      await admin('POST', '/_localaws/faults', {
        service: 'cloudformation',
        operation: 'ExecuteChangeSet',
        errorRate: 1,
        count: 2,
      });
      const refused = await service.approve(approver, requested.id).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'InternalFailure' });
      expect(await store.getPromotion(requested.id)).toMatchObject({
        status: 'approved',
        lastError: expect.stringMatching(/^AWS could not take the ExecuteChangeSet call/) as unknown,
      });
      expect((await stackOf(MAIN)).status).not.toMatch(/IN_PROGRESS/);

      await expect(service.execute(secondApprover, requested.id)).resolves.toMatchObject({
        status: 'executing',
        executedBy: secondApprover.id,
      });
      await statusBecomes(requested.id, 'promoted');
      expect(await auditActions(requested.id)).toEqual([
        'promotion.requested',
        'promotion.change-set-ready',
        'promotion.approved',
        'promotion.execute-failed',
        'promotion.executed',
        'promotion.promoted',
      ]);
      await admin('DELETE', '/_localaws/faults');
    },
  );

  it('executes the change set exactly once for 50 simultaneous approve and execute calls', STORY, async () => {
    await readyForPromotion();
    const requested = await service.request(operator, MAIN);
    await admin('DELETE', '/_localaws/requests');
    const approvers = [approver, secondApprover, user('avery', 'admin')];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const who = approvers[i % approvers.length]!;
        const call = i % 2 === 0 ? service.approve(who, requested.id) : service.execute(who, requested.id);
        return call.then(
          () => 'ok',
          (error: unknown) => (error instanceof PromotionError ? error.code : String(error)),
        );
      }),
    );
    const { operations } = (await admin('GET', '/_localaws/requests')) as { operations: Record<string, number> };
    expect(operations['cloudformation:ExecuteChangeSet']).toBe(1);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(new Set(results.filter((r) => r !== 'ok'))).toEqual(new Set(['NotAwaitingApproval', 'NotApproved']));
    expect(
      (await store.listAudit({ stackName: MAIN, action: 'promotion.executed', limit: 500 })).filter(
        (e) => e.promotionId === requested.id,
      ),
    ).toHaveLength(1);
    await statusBecomes(requested.id, 'promoted');
    timings.push(
      `50 concurrent calls: ${JSON.stringify(Object.fromEntries([...new Set(results)].map((r) => [r, results.filter((x) => x === r).length])))}`,
    );
  });

  it(
    'executes once for 50 calls spread over three instances on one PostgreSQL; when the executing one dies, another finishes the watch',
    STORY,
    async () => {
      // Started here, not beside localaws: initdb's CPU would slow the other stories' dry runs past their timeouts.
      postgres = startPostgres();
      const { url } = await postgres;
      await readyForPromotion();
      const stores: PostgresStore[] = await Promise.all([0, 1, 2].map(() => openPostgresStore(url, { maxConnections: 5 })));
      const instances = stores.map((instanceStore) =>
        createPromotionService({
          store: instanceStore,
          cfn: realCfn,
          sfn: { startExecution },
          gatherPreflight: gather,
          clock: { now: () => new Date(), sleep },
          settings,
          log: () => undefined,
        }),
      );
      try {
        const requested = await instances[0]!.request(operator, MAIN);
        await admin('DELETE', '/_localaws/requests');
        const approvers = [approver, secondApprover, user('avery', 'admin')];
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => {
            const instance = instances[i % 3]!;
            const who = approvers[Math.floor(i / 3) % approvers.length]!;
            const call = i % 2 === 0 ? instance.approve(who, requested.id) : instance.execute(who, requested.id);
            return call.then(
              () => ({ instance: i % 3, result: 'ok' }),
              (error: unknown) => ({ instance: i % 3, result: error instanceof PromotionError ? error.code : String(error) }),
            );
          }),
        );
        const { operations } = (await admin('GET', '/_localaws/requests')) as { operations: Record<string, number> };
        expect(operations['cloudformation:ExecuteChangeSet']).toBe(1);
        const winners = results.filter((r) => r.result === 'ok');
        expect(winners).toHaveLength(1);
        expect(new Set(results.map((r) => r.result).filter((r) => r !== 'ok'))).toEqual(
          new Set(['NotAwaitingApproval', 'NotApproved']),
        );
        const executed = (await stores[1]!.listAudit({ action: 'promotion.executed' })).filter(
          (e) => e.promotionId === requested.id,
        );
        expect(executed).toHaveLength(1);

        // The instance that executed dies: its watcher and its connections go with it.
        const dead = winners[0]!.instance;
        instances[dead]!.dispose();
        await stores[dead]!.end();
        const survivor = (dead + 1) % 3;
        expect(await instances[survivor]!.resumeWatches()).toBe(1);
        expect(await instances[survivor]!.resumeWatches()).toBe(0);
        // Nobody reads the request: the survivor's watcher alone brings it to its end.
        const promoted = await until(
          'promoted by the surviving instance',
          () => stores[survivor]!.getPromotion(requested.id),
          (p) => p?.status !== 'executing',
        );
        expect(promoted).toMatchObject({ status: 'promoted' });
        expect(
          (await stores[survivor]!.listAudit({ limit: 500 })).filter((e) => e.promotionId === requested.id).map((e) => e.action),
        ).toEqual([
          'promotion.promoted',
          'promotion.executed',
          'promotion.approved',
          'promotion.change-set-ready',
          'promotion.requested',
        ]);
        await expect(stores[survivor]!.verifyAudit()).resolves.toEqual({ ok: true, count: 5 });
        const tally = Object.fromEntries(
          [...new Set(results.map((r) => r.result))].map((r) => [r, results.filter((x) => x.result === r).length]),
        );
        timings.push(
          `50 calls over three PostgreSQL instances: ${JSON.stringify(tally)}; instance ${dead} died, ${survivor} finished`,
        );
      } finally {
        for (const instance of instances) instance.dispose();
        await Promise.all(stores.map((each) => each.end()));
      }
    },
  );

  it('fails role-aligned when TargetAccountId is not the account of the target role', STORY, async () => {
    await misalignedCreated;
    await dryRuns(MISALIGNED, 1);
    const result = await gather(MISALIGNED, { fresh: true });
    const item = result?.preflight.items.find((i) => i.id === 'role-aligned');
    expect(item?.ok).toBe(false);
    expect(item?.evidence).toMatch(
      /^VerifyAlignment could not run as arn:aws:iam::222222222222:role\/TapStackTarget in the dry run of .* \(.*AccessDenied.*\)$/,
    );
    timings.push(`misaligned: ${item?.evidence}`);
    expect(await service.request(operator, MISALIGNED).catch((e: unknown) => e)).toMatchObject({ code: 'PreflightFailed' });
  });
});
