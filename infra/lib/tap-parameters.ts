import { Aws, CfnCondition, CfnParameter, CfnTag, Fn } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The stack's CloudFormation parameters and the conditions derived from them.
 *
 * Why parameters and not synth-time context: a promotion (dry-run → apply) or turning the CMK off must be a
 * plain stack update with `UsePreviousTemplate`, so the dashboard can create a change set that flips one
 * parameter without running `cdk synth`. Every value is constrained by AllowedPattern/AllowedValues so a bad
 * value (an 11-digit account, an unknown mode) is refused by CloudFormation before any resource changes.
 */
export interface TapParametersProps {
  /** Default for EnvironmentSuffix (from `-c suffix=`). */
  readonly defaultSuffix: string;
}

/** Patterns shared by the parameters and by tests that check values against them. */
export const PARAMETER_PATTERNS = {
  suffix: '^[a-z0-9][a-z0-9-]{0,15}$',
  accountId: '^([0-9]{12})?$',
  roleName: '^([A-Za-z0-9+=,.@_-]{1,64})?$',
  bucketNames: '^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9](,[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])*)?$',
  tableNames: '^([A-Za-z0-9_.-]{3,255}(,[A-Za-z0-9_.-]{3,255})*)?$',
  topicArn: '^(arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256})?$',
} as const;

export const MODES = ['dry-run', 'apply'] as const;
export type Mode = (typeof MODES)[number];

export class TapParameters extends Construct {
  readonly environmentSuffix: CfnParameter;
  readonly mode: CfnParameter;
  readonly enableCmk: CfnParameter;
  readonly targetAccountId: CfnParameter;
  readonly targetRoleName: CfnParameter;
  readonly protectedBucketNames: CfnParameter;
  readonly protectedTableNames: CfnParameter;
  readonly errorThreshold: CfnParameter;
  readonly throttleThreshold: CfnParameter;
  readonly alarmTopicArn: CfnParameter;

  readonly useCmk: CfnCondition;
  readonly isApply: CfnCondition;
  readonly hasTargetAccount: CfnCondition;
  readonly hasTargetRole: CfnCondition;
  readonly hasBuckets: CfnCondition;
  readonly hasTables: CfnCondition;
  readonly applyToBuckets: CfnCondition;
  readonly applyToTables: CfnCondition;
  readonly hasAlarmTopic: CfnCondition;

  constructor(scope: Construct, id: string, props: TapParametersProps) {
    super(scope, id);
    // Fail at synth rather than at deploy, where CloudFormation would refuse the default against its pattern.
    if (!new RegExp(PARAMETER_PATTERNS.suffix).test(props.defaultSuffix)) {
      throw new Error(`suffix "${props.defaultSuffix}" must match ${PARAMETER_PATTERNS.suffix} (short lowercase slug)`);
    }
    // Parameters live at stack level with fixed logical IDs: the dashboard and operators refer to them by name.
    const stack = scope;
    const param = (name: string, p: ConstructorParameters<typeof CfnParameter>[2]) => {
      const cfn = new CfnParameter(stack, name, p);
      cfn.overrideLogicalId(name);
      return cfn;
    };
    this.environmentSuffix = param('EnvironmentSuffix', {
      type: 'String',
      default: props.defaultSuffix,
      allowedPattern: PARAMETER_PATTERNS.suffix,
      constraintDescription: 'a short lowercase slug: a-z, 0-9 and -, at most 16 characters',
      description: 'Suffix of every resource name (TapStack-<suffix>).',
    });
    this.mode = param('Mode', {
      type: 'String',
      default: 'dry-run',
      allowedValues: [...MODES],
      description: 'dry-run only reports; apply lets the workflow enable versioning/PITR. Promotion flips this.',
    });
    this.enableCmk = param('EnableCmk', {
      type: 'String',
      default: 'true',
      allowedValues: ['true', 'false'],
      description: 'Encrypt the execution log group with a customer managed KMS key.',
    });
    this.targetAccountId = param('TargetAccountId', {
      type: 'String',
      default: '',
      allowedPattern: PARAMETER_PATTERNS.accountId,
      constraintDescription: 'exactly 12 digits, or empty for this account',
      description: 'Account the pre-checks must run in (empty = this account).',
    });
    this.targetRoleName = param('TargetRoleName', {
      type: 'String',
      default: '',
      allowedPattern: PARAMETER_PATTERNS.roleName,
      constraintDescription: 'an IAM role name, or empty for none',
      description: 'Role assumed in the target account (empty = use the workflow role itself).',
    });
    this.protectedBucketNames = param('ProtectedBucketNames', {
      type: 'String',
      default: '',
      allowedPattern: PARAMETER_PATTERNS.bucketNames,
      constraintDescription: 'comma-separated S3 bucket names without spaces',
      description: 'Buckets whose versioning is checked (comma list).',
    });
    this.protectedTableNames = param('ProtectedTableNames', {
      type: 'String',
      default: '',
      allowedPattern: PARAMETER_PATTERNS.tableNames,
      constraintDescription: 'comma-separated DynamoDB table names without spaces',
      description: 'Tables whose point-in-time recovery is checked (comma list).',
    });
    this.errorThreshold = param('ErrorThreshold', {
      type: 'Number',
      default: 1,
      minValue: 1,
      description: 'Errors per 5 minutes that raise the error alarms.',
    });
    this.throttleThreshold = param('ThrottleThreshold', {
      type: 'Number',
      default: 1,
      minValue: 1,
      description: 'Throttles per 5 minutes that raise the throttle alarms.',
    });
    this.alarmTopicArn = param('AlarmTopicArn', {
      type: 'String',
      default: '',
      allowedPattern: PARAMETER_PATTERNS.topicArn,
      constraintDescription: 'an SNS topic ARN, or empty for no alarm actions',
      description: 'Optional SNS topic notified by every alarm.',
    });

    const cond = (name: string, expression: ReturnType<typeof Fn.conditionEquals>) => {
      const c = new CfnCondition(stack, name, { expression });
      c.overrideLogicalId(name);
      return c;
    };
    const notEmpty = (p: CfnParameter) => Fn.conditionNot(Fn.conditionEquals(p.valueAsString, ''));
    this.useCmk = cond('UseCmk', Fn.conditionEquals(this.enableCmk.valueAsString, 'true'));
    this.isApply = cond('IsApply', Fn.conditionEquals(this.mode.valueAsString, 'apply'));
    this.hasTargetAccount = cond('HasTargetAccount', notEmpty(this.targetAccountId));
    this.hasTargetRole = cond('HasTargetRole', notEmpty(this.targetRoleName));
    this.hasBuckets = cond('HasBuckets', notEmpty(this.protectedBucketNames));
    this.hasTables = cond('HasTables', notEmpty(this.protectedTableNames));
    this.applyToBuckets = cond('ApplyToBuckets', Fn.conditionAnd(this.isApply, this.hasBuckets));
    this.applyToTables = cond('ApplyToTables', Fn.conditionAnd(this.isApply, this.hasTables));
    this.hasAlarmTopic = cond('HasAlarmTopic', notEmpty(this.alarmTopicArn));
  }

  /** The account the workflow must find itself in: TargetAccountId, or this stack's account when empty. */
  get resolvedTargetAccount(): string {
    return Fn.conditionIf(this.hasTargetAccount.logicalId, this.targetAccountId.valueAsString, Aws.ACCOUNT_ID).toString();
  }

  /**
   * The only tags KMS keys and CloudWatch alarms get (seed lesson 1: those services refuse values outside
   * letters, digits, spaces and `_ . : / = + - @`; the seed's JSON-string value failed the create). The values
   * are a name built from the suffix and the EnvironmentSuffix parameter, whose AllowedPattern keeps it inside
   * that set.
   *
   * Mode is deliberately not a tag: a tag that follows a parameter makes every promotion (a Mode-only change
   * set) modify the key and the four alarms, which a promotion must not touch. Mode is visible in the stack's
   * parameters and its ActiveMode output instead.
   */
  safeTags(name: string): CfnTag[] {
    return [
      { key: 'Name', value: name },
      { key: 'EnvironmentSuffix', value: this.environmentSuffix.valueAsString },
    ];
  }
}
