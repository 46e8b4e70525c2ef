/**
 * The seed's four failures, re-created one at a time (infra/lib/broken-variants.ts), fail on localaws on the
 * resource AWS failed on, with AWS's message and handler error code, and roll back cleanly; the fifth
 * mistake (DependsOn on the conditional CMK) is refused before any stack exists. The good TapStack, sent the
 * same way, reaches CREATE_COMPLETE with and without the CMK.
 *
 * Path: in-process synthesis (./synth) → SDK CreateStack with the template inline, as the CLI's
 * LegacyStackSynthesizer would send it. The CLI itself is exercised in deploy-localaws.test.ts.
 */
import { CreateStackCommand, DescribeStacksCommand, type Parameter, type StackEvent } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, startTestEnv, stopTestEnv, waitForStack, type TestEnv } from 'localaws/testing';
import { BROKEN_VARIANTS, type BrokenVariant } from '../lib/broken-variants';
import { sharedTemplate } from './synth';

const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;
const TIMEOUT = 180_000;

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv(200);
});
afterAll(() => stopTestEnv(env));

/** Synthesizes the TapStack (a variant of it) and sends CreateStack; resolves with the stack id. */
async function createTapStack(suffix: string, variant: BrokenVariant | undefined, parameters: Parameter[] = []): Promise<string> {
  const body = JSON.stringify(sharedTemplate({ suffix, variant }));
  const { StackId } = await env.cfn.send(
    new CreateStackCommand({
      StackName: `TapStack-${suffix}`,
      TemplateBody: body,
      Parameters: parameters,
      Capabilities: [...CAPABILITIES],
    }),
  );
  if (!StackId) throw new Error('CreateStack returned no StackId');
  return StackId;
}

/** The part of a stack reason AWS fills from the service's answer: message, service, handler error code. */
const handlerReason = (message: RegExp | string, service: string, code: string): RegExp => {
  const text = typeof message === 'string' ? message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : message.source;
  return new RegExp(
    `^Resource handler returned message: "${text} \\(Service: ${service}, Status Code: 400, Request ID: [0-9a-f-]{36}\\)" ` +
      `\\(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: ${code}\\)$`,
  );
};

interface FailureCase {
  variant: Exclude<BrokenVariant, 'conditional-depends-on'>;
  suffix: string;
  /** Logical id prefix of the resource that must fail (CDK appends a hash). */
  logicalId: RegExp;
  reason: RegExp;
}

const ARN = 'arn:aws:logs:us-east-1:000000000000:log-group:';
const FAILURES: FailureCase[] = [
  {
    variant: 'kms-tag-json',
    suffix: 'seed-kms-tag',
    logicalId: /^LogCmkKey[0-9A-F]{8}$/,
    reason: handlerReason(
      /Tag value contains invalid characters \(TagException\): '\{"owner":"platform","mode":"dry-run"\}' for tag key 'TapConfig'/,
      'Kms',
      'InvalidRequest',
    ),
  },
  {
    variant: 'alarm-tag-json',
    suffix: 'seed-alarm-tag',
    logicalId: /^Alarms\w+Alarm[0-9A-F]{8}$/,
    reason: handlerReason(
      /1 validation error detected: Value '\{"owner":"platform","mode":"dry-run"\}' at 'tags\.\d+\.member\.value' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\p\{L\}\\p\{Z\}\\p\{N\}_\.:\/=\+\\-@\]\*/,
      'CloudWatch',
      'InvalidRequest',
    ),
  },
  {
    variant: 'logs-key-policy',
    suffix: 'seed-logs-key',
    logicalId: /^ExecutionLogs$/,
    reason: handlerReason(
      `The specified KMS key does not exist or is not allowed to be used with Arn '${ARN}/aws/vendedlogs/states/TapStack-seed-logs-key'`,
      'CloudWatchLogs',
      'GeneralServiceException',
    ),
  },
  {
    variant: 'sfn-log-delivery',
    suffix: 'seed-sfn-log',
    logicalId: /^WorkflowStateMachine[0-9A-F]{8}$/,
    reason: handlerReason('The state machine IAM Role is not authorized to access the Log Destination', 'SFN', 'AccessDenied'),
  },
];

/** Final status of each logical id's last event, and every resource that ever reached CREATE_COMPLETE. */
function summarize(events: StackEvent[], stackName: string) {
  const oldestFirst = [...events].reverse();
  const resources = oldestFirst.filter((e) => e.LogicalResourceId !== stackName);
  const created = new Set(resources.filter((e) => e.ResourceStatus === 'CREATE_COMPLETE').map((e) => e.LogicalResourceId));
  const deleted = new Set(resources.filter((e) => e.ResourceStatus === 'DELETE_COMPLETE').map((e) => e.LogicalResourceId));
  const stackEvents = oldestFirst.filter((e) => e.LogicalResourceId === stackName);
  const failures = resources.filter(
    (e) => e.ResourceStatus === 'CREATE_FAILED' && e.ResourceStatusReason !== 'Resource creation cancelled',
  );
  return { resources, created, deleted, stackEvents, failures };
}

describe('the seed failures on localaws (SDK CreateStack of the synthesized variant)', () => {
  it.each(FAILURES)(
    '$variant fails on its resource and rolls back',
    { timeout: TIMEOUT },
    async ({ variant, suffix, logicalId, reason }) => {
      const stackName = `TapStack-${suffix}`;
      const status = await waitForStack(env.cfn, await createTapStack(suffix, variant), TIMEOUT - 10_000);
      expect(status).toBe('ROLLBACK_COMPLETE');

      const { resources, created, deleted, stackEvents, failures } = summarize(
        (await allEvents(env.cfn, stackName)).events,
        stackName,
      );
      // Exactly one resource is refused by its service; anything else in flight is cancelled.
      expect(failures, JSON.stringify(failures, null, 2)).toHaveLength(1);
      const [failure] = failures;
      expect(failure?.LogicalResourceId).toMatch(logicalId);
      expect(failure?.ResourceType).toBe(BROKEN_VARIANTS[variant].failingResource);
      expect(failure?.ResourceStatusReason).toMatch(reason);

      expect(stackEvents.map((e) => e.ResourceStatus)).toEqual([
        'CREATE_IN_PROGRESS',
        'ROLLBACK_IN_PROGRESS',
        'ROLLBACK_COMPLETE',
      ]);
      expect(stackEvents[1]?.ResourceStatusReason).toMatch(
        new RegExp(
          `^The following resource\\(s\\) failed to create: \\[.*${failure?.LogicalResourceId}.*\\]\\. Rollback requested by user\\.$`,
        ),
      );
      // Rollback: every resource the create touched (created, cancelled or failed) ends DELETE_COMPLETE, and
      // everything that had been created is among them; the refused resource never existed.
      const lastStatus = new Map(resources.map((e) => [e.LogicalResourceId, e.ResourceStatus]));
      expect(Object.fromEntries([...lastStatus].filter(([, s]) => s !== 'DELETE_COMPLETE'))).toEqual({});
      expect([...deleted]).toEqual(expect.arrayContaining([...created]));
      expect(created.has(failure?.LogicalResourceId)).toBe(false);
      expect(resources.filter((e) => e.ResourceStatus === 'DELETE_FAILED')).toEqual([]);
    },
  );

  it('conditional-depends-on with EnableCmk=false is refused before any stack exists', { timeout: TIMEOUT }, async () => {
    const suffix = 'seed-dep-on';
    const refused = createTapStack(suffix, 'conditional-depends-on', [{ ParameterKey: 'EnableCmk', ParameterValue: 'false' }]);
    await expect(refused).rejects.toMatchObject({
      name: 'ValidationError',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringMatching(
        /^Template format error: Unresolved resource dependencies \[LogCmkKey[0-9A-F]{8}\] in the Resources block of the template$/,
      ) as unknown,
    });
    await expect(env.cfn.send(new DescribeStacksCommand({ StackName: `TapStack-${suffix}` }))).rejects.toMatchObject({
      message: `Stack with id TapStack-${suffix} does not exist`,
    });
  });
});

describe('the good TapStack on localaws (same path)', () => {
  it.each([
    { enableCmk: 'true', suffix: 'seed-good-cmk' },
    { enableCmk: 'false', suffix: 'seed-good-nocmk' },
  ])('reaches CREATE_COMPLETE with EnableCmk=$enableCmk', { timeout: TIMEOUT }, async ({ enableCmk, suffix }) => {
    const stackId = await createTapStack(suffix, undefined, [{ ParameterKey: 'EnableCmk', ParameterValue: enableCmk }]);
    expect(await waitForStack(env.cfn, stackId, TIMEOUT - 10_000)).toBe('CREATE_COMPLETE');
    const { created } = summarize((await allEvents(env.cfn, stackId)).events, `TapStack-${suffix}`);
    expect([...created].some((id) => id?.startsWith('LogCmkKey'))).toBe(enableCmk === 'true');
    expect(created.has('ExecutionLogs')).toBe(true);
  });
});
