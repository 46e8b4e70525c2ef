import { Fn, Tags } from 'aws-cdk-lib';
import type { TapStack } from './tap-stack';

/**
 * Fixtures that re-create, one at a time, the four mistakes that made the seed TapStack fail on AWS (see
 * seed-failure-report.md). localaws tests deploy them to check it fails the way AWS did, and the demo uses
 * them to show failure analysis. Each undoes exactly one remediation of the good stack, through L1 overrides,
 * so the good constructs stay free of "broken" switches.
 *
 * `cfnLintRule` is the cfn-lint rule that flags the variant before deployment (null: cfn-lint 1.51 cannot see
 * it; tag character sets, key policies and IAM semantics are only checked by the services at create time).
 */
export const BROKEN_VARIANTS = {
  'kms-tag-json': {
    lesson: 'service-specific tag restrictions (KMS)',
    mistake: 'a JSON string as a tag value on the KMS key',
    failingResource: 'AWS::KMS::Key',
    awsError: 'TagException (HandlerErrorCode InvalidRequest)',
    cfnLintRule: null,
  },
  'alarm-tag-json': {
    lesson: 'service-specific tag restrictions (CloudWatch alarms)',
    mistake: 'a JSON string as a tag value on the alarms',
    failingResource: 'AWS::CloudWatch::Alarm',
    awsError: 'validation error on the tag value',
    cfnLintRule: null,
  },
  'logs-key-policy': {
    lesson: 'permissive-but-scoped KMS policies for AWS services',
    mistake: 'key policy without CreateGrant/GrantIsForAWSResource, ViaService, or the log-group ARN pattern',
    failingResource: 'AWS::Logs::LogGroup',
    awsError: 'AccessDeniedException: The specified KMS key does not exist or is not allowed to be used with Arn …',
    cfnLintRule: null,
  },
  'sfn-log-delivery': {
    lesson: 'CloudWatch Logs delivery APIs in Step Functions roles',
    mistake: 'workflow role with PutLogEvents only, no log-delivery APIs',
    failingResource: 'AWS::StepFunctions::StateMachine',
    awsError: 'AccessDeniedException: The state machine IAM Role is not authorized to access the Log Destination',
    cfnLintRule: null,
  },
  'conditional-depends-on': {
    lesson: 'no DependsOn on conditional resources',
    mistake: 'log group DependsOn the conditional CMK',
    failingResource: 'template (EnableCmk=false)',
    awsError: 'ValidationError: Template format error: Unresolved resource dependencies [...]',
    cfnLintRule: 'E3005',
  },
} as const;

export type BrokenVariant = keyof typeof BROKEN_VARIANTS;

/** The JSON-looking tag value the seed used (quotes, braces, colons and commas are all outside the tag set). */
export const JSON_TAG_VALUE = '{"owner":"platform","mode":"dry-run"}';

export function isBrokenVariant(value: unknown): value is BrokenVariant {
  return typeof value === 'string' && Object.hasOwn(BROKEN_VARIANTS, value);
}

/** Reads `-c variant=`: undefined for the good stack, a known name, or an error listing the names. */
export function parseBrokenVariant(value: unknown): BrokenVariant | undefined {
  if (value === undefined || value === '') return undefined;
  if (isBrokenVariant(value)) return value;
  throw new Error(`Unknown variant "${String(value)}": use one of ${Object.keys(BROKEN_VARIANTS).join(', ')}`);
}

/** Undoes one remediation on a synthesized-to-be TapStack. */
export function applyBrokenVariant(stack: TapStack, variant: BrokenVariant): void {
  switch (variant) {
    case 'kms-tag-json':
      Tags.of(stack.cmk).add('TapConfig', JSON_TAG_VALUE);
      return;
    case 'alarm-tag-json':
      Tags.of(stack.alarms).add('TapConfig', JSON_TAG_VALUE);
      return;
    case 'logs-key-policy':
      // Only the account root and a narrow Logs statement: no Describe/GenerateDataKey, no grants, and an
      // exact ARN that misses the /aws/vendedlogs/states/ prefix the real log group has.
      stack.cmk.key.addPropertyOverride('KeyPolicy.Statement', [
        stack.cmk.key.keyPolicy.Statement[0],
        {
          Sid: 'LogsEncryptOnly',
          Effect: 'Allow',
          Principal: { Service: 'logs.amazonaws.com' },
          Action: ['kms:Encrypt', 'kms:Decrypt'],
          Resource: '*',
          Condition: {
            ArnEquals: {
              'kms:EncryptionContext:aws:logs:arn': Fn.sub(
                'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:TapStack-${EnvironmentSuffix}',
              ),
            },
          },
        },
      ]);
      return;
    case 'sfn-log-delivery':
      // What the seed had: permission to write log events, which vended log delivery does not use.
      stack.workflow.role.addPropertyOverride('Policies.0.PolicyDocument.Statement.0.Action', [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ]);
      return;
    case 'conditional-depends-on':
      // The seed's "belt and braces" ordering: redundant with the GetAtt inside Fn::If, and invalid when the
      // key's condition is false.
      stack.logGroup.addResourceDependency(stack.cmk.key);
      return;
  }
}
