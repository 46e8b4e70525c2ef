import { CfnCondition, CfnTag, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { CfnAlias, CfnKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface LogCmkProps {
  /** The key (and its alias) exist only when this condition holds (EnableCmk = true). */
  readonly condition: CfnCondition;
  /** Log group name prefix the Logs service may use the key for, e.g. `/aws/vendedlogs/states/TapStack-`. */
  readonly logGroupNamePrefix: string;
  /** Alias name, starting with `alias/`. */
  readonly aliasName: string;
  /** Tags: safe keys and plain values only (see TapParameters.safeTags). */
  readonly tags: CfnTag[];
}

/** Actions CloudWatch Logs needs on a CMK to encrypt a log group (AWS's documented set). */
export const LOGS_KEY_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/**
 * A customer managed key that CloudWatch Logs is allowed to use for the TapStack log groups.
 *
 * Seed lesson 2 ("prefer permissive-but-scoped KMS policies"): the seed's policy was too narrow, and
 * CreateLogGroup answered "The specified KMS key does not exist or is not allowed to be used with Arn …".
 * The Logs service principal is regional (`logs.<region>.amazonaws.com`), gets the full encrypt/decrypt set,
 * scoped by an `ArnLike` pattern on the encryption context so only TapStack log groups qualify; it may create
 * grants only for AWS resources; and account principals may use the key only through Logs.
 */
export class LogCmk extends Construct {
  readonly key: CfnKey;
  readonly alias: CfnAlias;

  constructor(scope: Construct, id: string, props: LogCmkProps) {
    super(scope, id);
    const logsPrincipal = { Service: Fn.sub('logs.${AWS::Region}.amazonaws.com') };
    const logGroupArnPattern = Fn.sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Prefix}*', {
      Prefix: props.logGroupNamePrefix,
    });
    const accountRoot = { AWS: Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') };

    this.key = new CfnKey(this, 'Key', {
      description: 'Encrypts the TapStack Step Functions execution logs',
      enableKeyRotation: true,
      // Deleting the stack should not leave a billed key behind; 7 days is the shortest recovery window.
      pendingWindowInDays: 7,
      tags: props.tags,
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            // Without account-root administration the key becomes unmanageable (and KMS refuses such a policy).
            Sid: 'AccountRootAdministers',
            Effect: 'Allow',
            Principal: accountRoot,
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'LogsUsesKeyForTapStackLogGroups',
            Effect: 'Allow',
            Principal: logsPrincipal,
            Action: LOGS_KEY_ACTIONS,
            Resource: '*',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArnPattern } },
          },
          {
            Sid: 'LogsCreatesGrantsForAwsResources',
            Effect: 'Allow',
            Principal: logsPrincipal,
            Action: 'kms:CreateGrant',
            Resource: '*',
            Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
          },
          {
            Sid: 'AccountUsesKeyOnlyThroughLogs',
            Effect: 'Allow',
            Principal: accountRoot,
            Action: [...LOGS_KEY_ACTIONS, 'kms:CreateGrant'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:ViaService': Fn.sub('logs.${AWS::Region}.amazonaws.com') } },
          },
        ],
      },
    });
    this.key.cfnOptions.condition = props.condition;
    this.key.applyRemovalPolicy(RemovalPolicy.DESTROY);

    this.alias = new CfnAlias(this, 'Alias', { aliasName: props.aliasName, targetKeyId: this.key.attrArn });
    this.alias.cfnOptions.condition = props.condition;
  }

  /** The key ARN as a token (only meaningful where the key's condition holds). */
  get keyArn(): string {
    return this.key.attrArn;
  }
}
