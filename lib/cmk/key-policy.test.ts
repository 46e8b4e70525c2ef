import { describe, expect, it } from 'vitest';
import { checkLogsKeyPolicy } from './key-policy';

const region = 'us-east-1';
const groupArn = 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/states/TapStack-dev';
const logs = { Service: 'logs.us-east-1.amazonaws.com' };

/** The remediated policy the seed report describes. */
const remediated = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
    {
      Effect: 'Allow',
      Principal: logs,
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/states/TapStack-*',
        },
        StringEquals: { 'kms:ViaService': 'logs.us-east-1.amazonaws.com' },
      },
    },
    {
      Effect: 'Allow',
      Principal: logs,
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ],
};

const failing = (policy: object) =>
  checkLogsKeyPolicy(JSON.stringify(policy), groupArn, region)
    .filter((c) => !c.ok)
    .map((c) => c.id);

describe('checkLogsKeyPolicy', () => {
  it('passes the remediated policy from the failure report', () => {
    expect(failing(remediated)).toEqual([]);
  });

  it('accepts kms:ViaService on the account statement, as the TapStack scopes it', () => {
    const [admin, logsUse, grant] = structuredClone(remediated).Statement;
    delete (logsUse as { Condition: { StringEquals?: unknown } }).Condition.StringEquals;
    const accountThroughLogs = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:CreateGrant'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'logs.us-east-1.amazonaws.com' } },
    };
    expect(failing({ Statement: [admin, logsUse, grant, accountThroughLogs] })).toEqual([]);
    expect(failing({ Statement: [admin, logsUse, grant] })).toEqual(['via-service']);
  });

  it('fails everything for the seed policy that only lets the account administer the key', () => {
    expect(failing({ Statement: [remediated.Statement[0]] })).toEqual([
      'logs-principal',
      'logs-actions',
      'encryption-context',
      'create-grant',
      'via-service',
    ]);
  });

  it('notices an encryption-context pattern for another log group prefix', () => {
    const other = structuredClone(remediated);
    (other.Statement[1]!.Condition as unknown as Record<string, Record<string, string>>).ArnLike![
      'kms:EncryptionContext:aws:logs:arn'
    ] = 'arn:aws:logs:us-east-1:111122223333:log-group:/other/*';
    expect(failing(other)).toEqual(['encryption-context']);
  });

  it('notices CreateGrant allowed without GrantIsForAWSResource, and a principal for another region', () => {
    const grantless = structuredClone(remediated);
    delete (grantless.Statement[2] as { Condition?: unknown }).Condition;
    expect(failing(grantless)).toEqual(['create-grant']);
    expect(
      checkLogsKeyPolicy(JSON.stringify(remediated), groupArn.replace('us-east-1', 'eu-west-1'), 'eu-west-1').every((c) => !c.ok),
    ).toBe(true);
  });

  it('reads a malformed policy as granting nothing, without throwing', () => {
    expect(failing(JSON.parse('{}'))).toHaveLength(5);
    expect(checkLogsKeyPolicy('not json', groupArn, region).every((c) => !c.ok)).toBe(true);
  });
});
