/**
 * May CloudWatch Logs use a KMS key for a log group? The same check as the AWS::Logs::LogGroup provisioner
 * (provisioners/key-policy-check.ts), so CreateLogGroup/AssociateKmsKey and CloudFormation agree. A key that is
 * missing, disabled or pending deletion gets the same answer as one whose policy refuses: AWS does not say which.
 */
import { AwsError } from '../../errors';
import { keyPolicyAllowsLogs } from '../../provisioners/key-policy-check';
import type { KmsModel } from '../kms/model';

export function checkLogsMayUseKey(kms: KmsModel, account: string, region: string, groupName: string, kmsKeyId: string): void {
  const groupArn = `arn:aws:logs:${region}:${account}:log-group:${groupName}`;
  const key = kms.findKey(account, region, kmsKeyId);
  if (!key || !key.enabled || key.deletionDate || !keyPolicyAllowsLogs(key.keyPolicy, region, groupArn)) {
    throw new AwsError('AccessDeniedException', `The specified KMS key does not exist or is not allowed to be used with Arn '${groupArn}'`, 400);
  }
}
