import { Aws, Fn } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { buildWorkflowDefinition, CREDENTIALS_FIELD, type WorkflowSubstitution } from './tap-workflow-definition';
import type { TapParameters } from './tap-parameters';

export interface TapWorkflowProps {
  readonly params: TapParameters;
  /** Execution logs go here (level ALL, with execution data). */
  readonly logGroup: CfnLogGroup;
  /** State machine name, e.g. `TapStack-<suffix>`. */
  readonly stateMachineName: string;
}

/**
 * Seed lesson 4: Step Functions configures execution logging through CloudWatch Logs *vended log delivery*,
 * so the role needs the log-delivery APIs on `*` (they take no resource ARN). Without them Create/UpdateStateMachine
 * answers "The state machine IAM Role is not authorized to access the Log Destination".
 */
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
export const READ_ACTIONS = { buckets: 's3:GetBucketVersioning', tables: 'dynamodb:DescribeContinuousBackups' };
export const WRITE_ACTIONS = { buckets: 's3:PutBucketVersioning', tables: 'dynamodb:UpdateContinuousBackups' };

/** Serializes the definition, wrapping every `Credentials` field in Fn::If(HasTargetRole, field, ''). */
export function conditionalDefinitionString(hasTargetRoleCondition: string): string {
  const json = JSON.stringify(buildWorkflowDefinition({ withTargetRole: true }));
  const field = `${JSON.stringify(CREDENTIALS_FIELD).slice(1, -1)},`;
  const parts = json.split(field);
  const credentials = Fn.conditionIf(hasTargetRoleCondition, field, '').toString();
  return Fn.join(
    '',
    parts.flatMap((part, i) => (i === 0 ? [part] : [credentials, part])),
  );
}

/** The pre-check workflow: its role (trusted by Step Functions in this account only) and the state machine. */
export class TapWorkflow extends Construct {
  readonly role: CfnRole;
  readonly stateMachine: CfnStateMachine;

  constructor(scope: Construct, id: string, props: TapWorkflowProps) {
    super(scope, id);
    const { params } = props;
    const noValue = Aws.NO_VALUE;
    const targetRoleArn = Fn.sub('arn:${AWS::Partition}:iam::${Account}:role/${RoleName}', {
      Account: params.resolvedTargetAccount,
      RoleName: params.targetRoleName.valueAsString,
    });
    // Per-name ARNs are impossible here: CloudFormation cannot map a comma list to ARNs (Fn::Join's delimiter
    // must be a literal, Fn::ForEach needs a transform localaws lacks). Scope to the service's resources in
    // this account instead; the actions themselves are the narrow versioning/PITR calls.
    const bucketArns = Fn.sub('arn:${AWS::Partition}:s3:::*');
    const tableArns = Fn.sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*');
    const statementIf = (condition: string, sid: string, action: string | string[], resource: string) =>
      Fn.conditionIf(condition, { Sid: sid, Effect: 'Allow', Action: action, Resource: resource }, noValue);

    this.role = new CfnRole(this, 'Role', {
      description: 'Runs the TapStack pre-check workflow',
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'states.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Confused-deputy guard: only state machines of this account may use the role.
            Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          },
        ],
      },
      // Inline (not a separate AWS::IAM::Policy) so the permissions exist before the state machine that
      // references the role is created, with no DependsOn; the Mode-dependent statements are Fn::If so a
      // promotion is an in-place update of this one policy.
      policies: [
        {
          policyName: 'log-delivery',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Sid: 'LogDelivery', Effect: 'Allow', Action: LOG_DELIVERY_ACTIONS, Resource: '*' }],
          },
        },
        {
          policyName: 'pre-checks',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              // sts:GetCallerIdentity needs no permission; the alignment check always works.
              { Sid: 'ReadVersioning', Effect: 'Allow', Action: READ_ACTIONS.buckets, Resource: bucketArns },
              { Sid: 'ReadPitr', Effect: 'Allow', Action: READ_ACTIONS.tables, Resource: tableArns },
              statementIf(params.applyToBuckets.logicalId, 'ApplyVersioning', WRITE_ACTIONS.buckets, bucketArns),
              statementIf(params.applyToTables.logicalId, 'ApplyPitr', WRITE_ACTIONS.tables, tableArns),
              statementIf(params.hasTargetRole.logicalId, 'AssumeTargetRole', 'sts:AssumeRole', targetRoleArn),
            ],
          },
        },
      ],
    });

    const substitutions: Record<WorkflowSubstitution, string> = {
      Mode: params.mode.valueAsString,
      TargetAccountId: params.resolvedTargetAccount,
      TargetRoleArn: Fn.conditionIf(params.hasTargetRole.logicalId, targetRoleArn, '').toString(),
      ProtectedBucketNames: params.protectedBucketNames.valueAsString,
      ProtectedTableNames: params.protectedTableNames.valueAsString,
    };
    this.stateMachine = new CfnStateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: 'STANDARD',
      roleArn: this.role.attrArn,
      definitionString: conditionalDefinitionString(params.hasTargetRole.logicalId),
      definitionSubstitutions: substitutions,
      loggingConfiguration: {
        level: 'ALL',
        includeExecutionData: true,
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: props.logGroup.attrArn } }],
      },
    });

    NagSuppressions.addResourceSuppressions(this.role, [
      {
        id: 'AwsSolutions-IAM5',
        reason: 'CloudWatch Logs vended-delivery APIs (CreateLogDelivery etc.) take no resource ARN: AWS requires "*"',
        appliesTo: ['Resource::*'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'Protected bucket/table names are a comma-list parameter CloudFormation cannot map to per-name ARNs; ' +
          "scoped to this account's buckets/tables and to the versioning/PITR calls only (writes only in apply)",
        appliesTo: [
          'Resource::arn:<AWS::Partition>:s3:::*',
          'Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/*',
        ],
      },
    ]);
    NagSuppressions.addResourceSuppressions(this.stateMachine, [
      {
        id: 'AwsSolutions-SF2',
        reason:
          'A handful of control-plane SDK calls per execution: execution logs at level ALL with data already show ' +
          'every step; X-Ray would add cost and xray:* permissions without new insight',
      },
    ]);
  }
}
