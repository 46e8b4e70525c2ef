/**
 * May CloudWatch Logs use a KMS key for a log group? CreateLogGroup/AssociateKmsKey and the AWS::Logs::LogGroup
 * resource type ask the same question here, so the API and CloudFormation agree. A key that is missing, disabled or
 * pending deletion gets the same answer as one whose policy refuses: AWS does not say which.
 */
import { AwsError } from '../../errors';
import { policyAllows } from '../iam/policy-evaluation';
import type { KmsModel } from '../kms/model';

// One representative API call per action family Logs needs: kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey*, Describe*.
const REQUIRED_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/**
 * Logs calls KMS as its regional service principal with encryption context aws:logs:arn = the group's ARN. Other
 * condition keys (kms:ViaService, kms:GrantIsForAWSResource, …) are taken as satisfied: localaws cannot know them, and
 * the approximation only errs towards allowing.
 */
export function keyPolicyAllowsLogs(policy: unknown, region: string, groupArn: string): boolean {
  const principal = { service: `logs.${region}.amazonaws.com` };
  const context = { 'kms:EncryptionContext:aws:logs:arn': groupArn };
  return REQUIRED_ACTIONS.every((action) =>
    policyAllows(policy, { action, principal, context, unknownConditionKeys: 'satisfied' }),
  );
}

export function checkLogsMayUseKey(kms: KmsModel, account: string, region: string, groupName: string, kmsKeyId: string): void {
  const groupArn = `arn:aws:logs:${region}:${account}:log-group:${groupName}`;
  const key = kms.findKey(account, region, kmsKeyId);
  if (!key || !key.enabled || key.deletionDate || !keyPolicyAllowsLogs(key.keyPolicy, region, groupArn)) {
    throw new AwsError(
      'AccessDeniedException',
      `The specified KMS key does not exist or is not allowed to be used with Arn '${groupArn}'`,
      400,
    );
  }
}
