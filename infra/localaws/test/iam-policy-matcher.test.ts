/** The one IAM policy matcher, and the three checks built on it (STS trust, Logs' use of a CMK, log delivery). */
import { describe, expect, it } from 'vitest';
import {
  arnMatch,
  evaluatePolicies,
  evaluatePolicy,
  policyAllows,
  type PolicyRequest,
} from '../src/services/iam/policy-evaluation';
import { keyPolicyAllowsLogs } from '../src/services/logs/kms-binding';
import { trustAllows } from '../src/services/sts/assume-role';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const LOGS = `logs.${REGION}.amazonaws.com`;
const GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/vendedlogs/states/TapStack-logs`;
const LOGS_KEY_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/** The seed's CMK policy (infra/lib/log-cmk.ts) as CloudFormation resolves it. */
const seedKeyPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AccountRootAdministers', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'LogsUsesKeyForTapStackLogGroups',
      Effect: 'Allow',
      Principal: { Service: LOGS },
      Action: LOGS_KEY_ACTIONS,
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/vendedlogs/states/TapStack-*`,
        },
      },
    },
    {
      Sid: 'LogsCreatesGrantsForAwsResources',
      Effect: 'Allow',
      Principal: { Service: LOGS },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
    {
      Sid: 'AccountUsesKeyOnlyThroughLogs',
      Effect: 'Allow',
      Principal: { AWS: ROOT },
      Action: [...LOGS_KEY_ACTIONS, 'kms:CreateGrant'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': LOGS } },
    },
  ],
};

const logsCall = (action: string, context: PolicyRequest['context']): PolicyRequest => ({
  action,
  principal: { service: LOGS },
  context,
});

describe('actions and resources', () => {
  const doc = { Statement: [{ Effect: 'Allow', Action: ['logs:*Delivery', 's3:Get?bject'], Resource: 'arn:aws:s3:::bucket/*' }] };

  it('matches actions with * and ? case-insensitively', () => {
    expect(policyAllows(doc, { action: 'LOGS:createlogdelivery' })).toBe(true);
    expect(policyAllows(doc, { action: 's3:GetObject' })).toBe(true);
    expect(policyAllows(doc, { action: 's3:GetObjects' })).toBe(false);
    expect(policyAllows(doc, { action: 'logs:ListLogDeliveries' })).toBe(false);
  });

  it('matches resources case-sensitively, and leaves them unjudged when the request names none', () => {
    expect(policyAllows(doc, { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/a/b' })).toBe(true);
    expect(policyAllows(doc, { action: 's3:GetObject', resource: 'arn:aws:s3:::Bucket/a' })).toBe(false);
    expect(policyAllows(doc, { action: 's3:GetObject' })).toBe(true);
  });

  it('reads NotAction and NotResource as everything but', () => {
    const not = { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret*' }] };
    expect(policyAllows(not, { action: 's3:GetObject', resource: 'arn:aws:s3:::public' })).toBe(true);
    expect(policyAllows(not, { action: 'iam:PassRole', resource: 'arn:aws:s3:::public' })).toBe(false);
    expect(policyAllows(not, { action: 's3:GetObject', resource: 'arn:aws:s3:::secret-bucket' })).toBe(false);
  });

  it('lets an explicit Deny win, across documents too', () => {
    const allow = { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    const deny = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'logs:Delete*', Resource: '*' }] });
    expect(evaluatePolicies([allow, deny], { action: 'logs:DeleteLogDelivery' })).toBe('Deny');
    expect(evaluatePolicies([allow, deny], { action: 'logs:CreateLogDelivery' })).toBe('Allow');
    expect(evaluatePolicies([deny], { action: 'logs:CreateLogDelivery' })).toBe('ImplicitDeny');
    expect(evaluatePolicy('not json', { action: 'logs:CreateLogDelivery' })).toBe('ImplicitDeny');
  });

  it('compares ARNs field by field', () => {
    expect(arnMatch('arn:aws:logs:*:*:log-group:/aws/*', 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/x:*')).toBe(true);
    expect(arnMatch('arn:aws:logs:*:111111111111:*', 'arn:aws:logs:us-east-1:000000000000:log-group:x')).toBe(false);
    expect(arnMatch('arn:aws:logs:us-*', 'arn:aws:logs:us-east-1:000000000000:log-group:x')).toBe(false);
    expect(arnMatch('*', 'anything')).toBe(true);
  });
});

describe('principals', () => {
  const trust = (principal: unknown) => ({ Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
  const root = { account: ACCOUNT, arn: ROOT };
  const session = { account: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s1` };

  it('matches an account, its root, a role behind a session, "*" and {AWS: "*"}', () => {
    expect(policyAllows(trust({ AWS: ACCOUNT }), { action: 'sts:AssumeRole', principal: root })).toBe(true);
    expect(policyAllows(trust({ AWS: [ROOT] }), { action: 'sts:AssumeRole', principal: session })).toBe(true);
    expect(
      policyAllows(trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/path/Deployer` }), {
        action: 'sts:AssumeRole',
        principal: session,
      }),
    ).toBe(true);
    expect(
      policyAllows(trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }), { action: 'sts:AssumeRole', principal: session }),
    ).toBe(false);
    expect(policyAllows(trust({ AWS: '111111111111' }), { action: 'sts:AssumeRole', principal: root })).toBe(false);
    expect(policyAllows(trust('*'), { action: 'sts:AssumeRole', principal: { service: LOGS } })).toBe(true);
    expect(policyAllows(trust({ AWS: '*' }), { action: 'sts:AssumeRole', principal: { service: LOGS } })).toBe(true);
  });

  it('matches service principals by name only', () => {
    expect(policyAllows(trust({ Service: [LOGS] }), { action: 'sts:AssumeRole', principal: { service: LOGS } })).toBe(true);
    expect(
      policyAllows(trust({ Service: 'states.amazonaws.com' }), { action: 'sts:AssumeRole', principal: { service: LOGS } }),
    ).toBe(false);
    expect(policyAllows(trust({ Service: LOGS }), { action: 'sts:AssumeRole', principal: root })).toBe(false);
  });

  it('needs a Principal (or NotPrincipal) when the request has a principal', () => {
    expect(policyAllows({ Statement: [{ Effect: 'Allow', Action: '*' }] }, { action: 'sts:AssumeRole', principal: root })).toBe(
      false,
    );
    const notOthers = { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: '111111111111' }, Action: '*' }] };
    expect(policyAllows(notOthers, { action: 'sts:AssumeRole', principal: root })).toBe(true);
  });
});

describe('conditions', () => {
  const withCondition = (condition: unknown) => ({
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }],
  });
  const allows = (condition: unknown, context: PolicyRequest['context'], unknownConditionKeys?: 'satisfied') =>
    policyAllows(withCondition(condition), { action: 'kms:Decrypt', context, unknownConditionKeys });

  it('evaluates the operators localaws needs, keys case-insensitively', () => {
    expect(allows({ StringEquals: { 'kms:ViaService': LOGS } }, { 'KMS:viaservice': LOGS })).toBe(true);
    expect(allows({ StringEquals: { 'kms:ViaService': LOGS } }, { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' })).toBe(false);
    expect(
      allows(
        { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Tap*' } },
        { 'aws:PrincipalArn': 'arn:aws:iam::1:role/TapDeployer' },
      ),
    ).toBe(true);
    expect(
      allows(
        { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/*` } },
        { 'kms:EncryptionContext:aws:logs:arn': GROUP_ARN },
      ),
    ).toBe(true);
    expect(allows({ ArnEquals: { 'aws:SourceArn': GROUP_ARN } }, { 'aws:SourceArn': GROUP_ARN })).toBe(true);
    expect(allows({ Bool: { 'kms:GrantIsForAWSResource': 'true' } }, { 'kms:GrantIsForAWSResource': true })).toBe(true);
    expect(allows({ Bool: { 'kms:GrantIsForAWSResource': 'true' } }, { 'kms:GrantIsForAWSResource': false })).toBe(false);
    expect(allows({ StringNotEquals: { 'aws:SourceAccount': ACCOUNT } }, { 'aws:SourceAccount': '111111111111' })).toBe(true);
    expect(allows({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '10' })).toBe(false);
  });

  it('treats absent keys as AWS does: IfExists, negated operators and Null hold; the rest do not', () => {
    expect(allows({ StringEquals: { 'aws:SourceAccount': ACCOUNT } }, {})).toBe(false);
    expect(allows({ StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT } }, {})).toBe(true);
    expect(allows({ StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT } }, { 'aws:SourceAccount': '111111111111' })).toBe(
      false,
    );
    expect(allows({ StringNotEquals: { 'aws:SourceAccount': ACCOUNT } }, {})).toBe(true);
    expect(allows({ Null: { 'aws:SourceAccount': 'true' } }, {})).toBe(true);
    expect(allows({ Null: { 'aws:SourceAccount': 'false' } }, {})).toBe(false);
    expect(allows({ Null: { 'aws:SourceAccount': 'false' } }, { 'aws:SourceAccount': ACCOUNT })).toBe(true);
  });

  it('takes unknown keys as satisfied when the caller says localaws cannot know them', () => {
    expect(allows({ StringEquals: { 'aws:SourceAccount': ACCOUNT } }, {}, 'satisfied')).toBe(true);
    expect(allows({ StringEquals: { 'aws:SourceAccount': ACCOUNT } }, { 'aws:SourceAccount': '111111111111' }, 'satisfied')).toBe(
      false,
    );
  });

  it('evaluates ForAnyValue and ForAllValues over multi-valued keys', () => {
    const tags = { 'aws:TagKeys': ['team', 'env'] };
    expect(allows({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, tags)).toBe(true);
    expect(allows({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, tags)).toBe(false);
    expect(allows({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['*'] } }, tags)).toBe(true);
    expect(allows({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, {})).toBe(true);
    expect(allows({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, {})).toBe(false);
  });

  it('needs every operator and every key of a Condition block to hold', () => {
    const both = {
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': 'arn:aws:states:*:*:stateMachine:*' },
    };
    expect(
      allows(both, { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:x` }),
    ).toBe(true);
    expect(
      allows(both, { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:states:${REGION}:${ACCOUNT}:activity:x` }),
    ).toBe(false);
  });
});

describe("the seed's key policy", () => {
  it('lets Logs use the key for the stack’s groups, by the encryption-context ArnLike', () => {
    const context = { 'kms:EncryptionContext:aws:logs:arn': GROUP_ARN };
    expect(policyAllows(seedKeyPolicy, logsCall('kms:GenerateDataKeyWithoutPlaintext', context))).toBe(true);
    expect(keyPolicyAllowsLogs(seedKeyPolicy, REGION, GROUP_ARN)).toBe(true);
  });

  it('refuses Logs for a group outside the prefix, or in another region', () => {
    const other = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/other`;
    expect(policyAllows(seedKeyPolicy, logsCall('kms:Decrypt', { 'kms:EncryptionContext:aws:logs:arn': other }))).toBe(false);
    expect(keyPolicyAllowsLogs(seedKeyPolicy, REGION, other)).toBe(false);
    expect(keyPolicyAllowsLogs(seedKeyPolicy, 'eu-west-1', GROUP_ARN.replace(REGION, 'eu-west-1'))).toBe(false);
  });

  it('lets Logs create grants only for AWS resources (kms:GrantIsForAWSResource)', () => {
    expect(policyAllows(seedKeyPolicy, logsCall('kms:CreateGrant', { 'kms:GrantIsForAWSResource': true }))).toBe(true);
    expect(policyAllows(seedKeyPolicy, logsCall('kms:CreateGrant', { 'kms:GrantIsForAWSResource': false }))).toBe(false);
    expect(policyAllows(seedKeyPolicy, logsCall('kms:CreateGrant', {}))).toBe(false);
  });

  it('lets the account use the key through Logs only (kms:ViaService), and administer it anyway', () => {
    const root = { account: ACCOUNT, arn: ROOT };
    expect(policyAllows(seedKeyPolicy, { action: 'kms:Decrypt', principal: root, context: { 'kms:ViaService': LOGS } })).toBe(
      true,
    );
    expect(policyAllows(seedKeyPolicy, { action: 'kms:PutKeyPolicy', principal: root })).toBe(true);
    const withoutAdmin = { Statement: seedKeyPolicy.Statement.slice(1) };
    expect(policyAllows(withoutAdmin, { action: 'kms:Decrypt', principal: root, context: { 'kms:ViaService': LOGS } })).toBe(
      true,
    );
    expect(
      policyAllows(withoutAdmin, {
        action: 'kms:Decrypt',
        principal: root,
        context: { 'kms:ViaService': `sqs.${REGION}.amazonaws.com` },
      }),
    ).toBe(false);
  });

  it('refuses Logs a key whose policy lacks one action family, or denies it', () => {
    const noDescribe = { Statement: [{ ...seedKeyPolicy.Statement[1], Action: LOGS_KEY_ACTIONS.slice(0, 4) }] };
    expect(keyPolicyAllowsLogs(noDescribe, REGION, GROUP_ARN)).toBe(false);
    const denied = {
      Statement: [...seedKeyPolicy.Statement, { Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }],
    };
    expect(keyPolicyAllowsLogs(denied, REGION, GROUP_ARN)).toBe(false);
  });
});

describe('trust policies', () => {
  const caller = { account: ACCOUNT, arn: ROOT };
  const statesTrust = (principal: unknown) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ],
  });

  it('evaluates aws:SourceAccount when the request carries it (a service acting for a resource)', () => {
    const states = { service: 'states.amazonaws.com' };
    expect(
      policyAllows(statesTrust({ Service: 'states.amazonaws.com' }), {
        action: 'sts:AssumeRole',
        principal: states,
        context: { 'aws:SourceAccount': ACCOUNT },
      }),
    ).toBe(true);
    expect(
      policyAllows(statesTrust({ Service: 'states.amazonaws.com' }), {
        action: 'sts:AssumeRole',
        principal: states,
        context: { 'aws:SourceAccount': '111111111111' },
      }),
    ).toBe(false);
  });

  it('AssumeRole by a user takes aws:SourceAccount as satisfied (as localaws always has), and checks aws:PrincipalAccount', () => {
    expect(trustAllows(statesTrust({ AWS: ACCOUNT }), caller)).toBe(true);
    const principalAccount = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } },
        },
      ],
    };
    expect(trustAllows(principalAccount, caller)).toBe(false);
    expect(trustAllows(principalAccount, { account: '111111111111', arn: 'arn:aws:iam::111111111111:root' })).toBe(true);
  });

  it('reads a trust policy given as JSON text, with Deny winning', () => {
    const text = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*' },
        { Effect: 'Deny', Principal: { AWS: ROOT }, Action: 'sts:AssumeRole' },
      ],
    });
    expect(trustAllows(text, caller)).toBe(false);
    expect(trustAllows(text, { account: '111111111111', arn: 'arn:aws:iam::111111111111:root' })).toBe(true);
  });
});
