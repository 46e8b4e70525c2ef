/**
 * The checks Step Functions runs on a loggingConfiguration, shared by CreateStateMachine/UpdateStateMachine and the
 * CloudFormation provisioner so both answer the same: exactly one destination, a log group ARN ending in `:*` that
 * exists, and a role allowed the CloudWatch Logs log-delivery actions (the seed's fourth failure).
 */
import type { IamModel } from '../iam/model';
import { evaluatePolicies } from '../iam/policy-evaluation';
import type { LogsModel } from '../logs/model';
import { normalizeLogging } from './model';

export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

export interface LoggingProblem {
  code: 'InvalidLoggingConfiguration' | 'AccessDenied';
  message: string;
}

export interface LogDestination {
  account: string;
  region: string;
  groupName: string;
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*` → where the group lives; undefined when not such an ARN. */
export function parseLogGroupArn(arn: string): LogDestination | undefined {
  const match = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):log-group:(.+):\*$/.exec(arn);
  return match ? { region: match[1] ?? '', account: match[2] ?? '', groupName: match[3] ?? '' } : undefined;
}

/** Whether the role (when localaws knows it) is allowed every log-delivery action. */
export function roleAllowsLogDelivery(iam: IamModel, account: string, roleArn: string): boolean {
  const roleName = roleArn.split('/').pop() ?? '';
  const role = iam.rolesOf(account).get(roleName);
  // A role localaws did not create (another stack, another account) cannot be judged; let it pass.
  if (!role) return true;
  const managed = role.managedPolicyArns.map((arn) => iam.managedPolicies.get(account, 'global').get(arn)?.document);
  const documents = [...role.inlinePolicies.values(), ...managed];
  // These actions take Resource "*", and localaws knows no condition keys of Step Functions' call: neither is judged.
  return LOG_DELIVERY_ACTIONS.every(
    (action) => evaluatePolicies(documents, { action, unknownConditionKeys: 'satisfied' }) === 'Allow',
  );
}

/** Returns the first problem Step Functions would report, or undefined when the configuration is acceptable. */
export function checkLoggingConfiguration(
  models: { iam: IamModel; logs?: LogsModel },
  account: string,
  roleArn: string,
  rawLogging: unknown,
): LoggingProblem | undefined {
  const logging = normalizeLogging(rawLogging);
  if (!logging) return undefined;
  const destinations = logging.destinations ?? [];
  const level = logging.level ?? 'OFF';
  if (level === 'OFF' && destinations.length === 0) return undefined;
  if (destinations.length !== 1) {
    return {
      code: 'InvalidLoggingConfiguration',
      message: 'Invalid Logging Configuration: Must specify exactly one Log Destination.',
    };
  }
  const arn = destinations[0]?.cloudWatchLogsLogGroup?.logGroupArn ?? '';
  const destination = parseLogGroupArn(arn);
  if (!destination) {
    // Wording not confirmed against AWS: a group ARN without the trailing `:*` is refused.
    return {
      code: 'InvalidLoggingConfiguration',
      message: `Invalid Logging Configuration: Log Destination ARN must end with ':*': ${arn}`,
    };
  }
  if (models.logs && !models.logs.groups.get(destination.account, destination.region).has(destination.groupName)) {
    return { code: 'InvalidLoggingConfiguration', message: 'Invalid Logging Configuration: Log Destination not found.' };
  }
  if (level !== 'OFF' && !roleAllowsLogDelivery(models.iam, account, roleArn)) {
    return { code: 'AccessDenied', message: 'The state machine IAM Role is not authorized to access the Log Destination' };
  }
  return undefined;
}
