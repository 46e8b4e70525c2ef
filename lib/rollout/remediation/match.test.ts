import { describe, expect, it } from 'vitest';
import { findRootCause } from '../root-cause';
import type { StackEvent } from '../types';
import { REMEDIATIONS } from './knowledge-base';
import { matchRemediations, remediationsForPolicyChecks, remediationsForRootCause } from './match';

/**
 * The failure reasons exactly as localaws words them for the broken TapStack variants (infra/lib/broken-variants.ts;
 * infra/test/seed-failures-localaws.test.ts checks localaws produces them), request ids included.
 */
const envelope = (message: string, service: string, code: string) =>
  `Resource handler returned message: "${message} (Service: ${service}, Status Code: 400, Request ID: 4d7c9a2e-5a0b-4c1e-9f0e-2b6d8c1a3e5f)" ` +
  `(RequestToken: 0e8f6a1b-2c3d-4e5f-8a9b-c0d1e2f3a4b5, HandlerErrorCode: ${code})`;

const JSON_TAG = '{"owner":"platform","mode":"dry-run"}';
const VARIANTS = [
  {
    variant: 'kms-tag-json',
    logicalId: 'LogCmkKey1A2B3C4D',
    resourceType: 'AWS::KMS::Key',
    reason: envelope(
      `Tag value contains invalid characters (TagException): '${JSON_TAG}' for tag key 'TapConfig'`,
      'Kms',
      'InvalidRequest',
    ),
    expected: ['kms-tag-json'],
  },
  {
    variant: 'alarm-tag-json',
    logicalId: 'AlarmsErrorsAlarm5E6F7A8B',
    resourceType: 'AWS::CloudWatch::Alarm',
    reason: envelope(
      `1 validation error detected: Value '${JSON_TAG}' at 'tags.4.member.value' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
      'CloudWatch',
      'InvalidRequest',
    ),
    expected: ['alarm-tag-json'],
  },
  {
    variant: 'logs-key-policy',
    logicalId: 'ExecutionLogs',
    resourceType: 'AWS::Logs::LogGroup',
    reason: envelope(
      "The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/TapStack-seed-logs-key'",
      'CloudWatchLogs',
      'GeneralServiceException',
    ),
    expected: ['logs-key-policy-use', 'logs-key-policy-grant'],
  },
  {
    variant: 'sfn-log-delivery',
    logicalId: 'WorkflowStateMachine9C0D1E2F',
    resourceType: 'AWS::StepFunctions::StateMachine',
    reason: envelope('The state machine IAM Role is not authorized to access the Log Destination', 'SFN', 'AccessDenied'),
    expected: ['sfn-log-delivery'],
  },
] as const;

let n = 0;
function ev(logicalId: string, status: string, resourceType: string, reason?: string): StackEvent {
  n += 1;
  return { eventId: `e${n}`, stackName: 'TapStack-x', logicalId, resourceType, status, reason, timestamp: 't' };
}

describe('remediationsForRootCause: the broken TapStack variants', () => {
  it.each(VARIANTS)('$variant → $expected', ({ logicalId, resourceType, reason, expected }) => {
    // Newest first, as CloudFormation lists them: the failure and the cancellations it caused.
    const events = [
      ev('TapStack-x', 'ROLLBACK_IN_PROGRESS', 'AWS::CloudFormation::Stack', 'The following resource(s) failed to create'),
      ev('WorkflowRole', 'CREATE_FAILED', 'AWS::IAM::Role', 'Resource creation cancelled'),
      ev(logicalId, 'CREATE_FAILED', resourceType, reason),
      ev(logicalId, 'CREATE_IN_PROGRESS', resourceType),
      ev('TapStack-x', 'CREATE_IN_PROGRESS', 'AWS::CloudFormation::Stack', 'User Initiated'),
    ];
    const cause = findRootCause(events);
    expect(cause?.event.logicalId).toBe(logicalId);
    expect(remediationsForRootCause(cause!).map((entry) => entry.id)).toEqual(expected);
  });
});

describe('matchRemediations', () => {
  it('matches the conditional DependsOn by the template error CloudFormation answers CreateStack with', () => {
    const message =
      'Template format error: Unresolved resource dependencies [LogCmkKey1A2B3C4D] in the Resources block of the template';
    expect(matchRemediations({ resourceType: 'AWS::CloudFormation::Stack', message }).map((e) => e.id)).toEqual([
      'conditional-depends-on',
    ]);
  });

  it('needs the resource type to agree: the same tag message on an S3 bucket is not the KMS lesson', () => {
    const message = `Tag value contains invalid characters (TagException): '${JSON_TAG}' for tag key 'TapConfig'`;
    expect(matchRemediations({ resourceType: 'AWS::S3::Bucket', handlerErrorCode: 'InvalidRequest', message })).toEqual([]);
  });

  it('needs the handler error code to agree when the failure has one', () => {
    const message = 'The state machine IAM Role is not authorized to access the Log Destination';
    const match = (handlerErrorCode?: string) =>
      matchRemediations({ resourceType: 'AWS::StepFunctions::StateMachine', handlerErrorCode, message }).map((e) => e.id);
    expect(match('AccessDenied')).toEqual(['sfn-log-delivery']);
    expect(match('NotStabilized')).toEqual([]);
    expect(match(undefined)).toEqual(['sfn-log-delivery']);
  });

  it('finds nothing for an unknown failure', () => {
    expect(
      matchRemediations({ resourceType: 'AWS::IAM::Role', handlerErrorCode: 'AlreadyExists', message: 'Role exists' }),
    ).toEqual([]);
  });

  it('ranks an entry naming the type and code before a catch-all', () => {
    const entries = [
      { ...REMEDIATIONS[0]!, id: 'any', match: { resourceTypes: ['*'], message: /boom/ } },
      {
        ...REMEDIATIONS[0]!,
        id: 'named',
        match: { resourceTypes: ['AWS::KMS::Key'], handlerErrorCodes: ['X'], message: /boom/ },
      },
    ];
    const ids = matchRemediations({ resourceType: 'AWS::KMS::Key', handlerErrorCode: 'X', message: 'boom' }, entries);
    expect(ids.map((e) => e.id)).toEqual(['named', 'any']);
  });
});

describe('remediationsForPolicyChecks', () => {
  it('maps each failing key-policy check to the entry that fixes it, each entry once', () => {
    expect(remediationsForPolicyChecks(['create-grant']).map((e) => e.id)).toEqual(['logs-key-policy-grant']);
    expect(remediationsForPolicyChecks(['encryption-context', 'via-service']).map((e) => e.id)).toEqual(['logs-key-policy-use']);
    expect(remediationsForPolicyChecks([])).toEqual([]);
  });
});

describe('the knowledge base', () => {
  it('has unique ids, a fix and a change for every entry', () => {
    const ids = REMEDIATIONS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of REMEDIATIONS) {
      expect(entry.fix.length, entry.id).toBeGreaterThan(20);
      expect(entry.change.snippet.trim().length, entry.id).toBeGreaterThan(20);
      expect(entry.match.message.global, `${entry.id}: a /g pattern keeps state between tests`).toBe(false);
    }
  });

  it('covers every key-policy check', () => {
    const covered = new Set(REMEDIATIONS.flatMap((e) => e.policyChecks ?? []));
    expect([...covered].sort()).toEqual(['create-grant', 'encryption-context', 'logs-actions', 'logs-principal', 'via-service']);
  });

  it('keeps the JSON snippets valid JSON (statement lists parse as an array)', () => {
    for (const entry of REMEDIATIONS.filter((e) => e.change.language === 'json'))
      expect(() => JSON.parse(`[${entry.change.snippet}]`), entry.id).not.toThrow();
  });
});
