import { Fn } from 'aws-cdk-lib';
import { CfnManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export interface TapdeckAccessPolicyProps {
  readonly stateMachineArn: string;
  readonly logGroupArn: string;
  readonly workflowRoleArn: string;
  /** Alarm names (tokens) of the stack. */
  readonly alarmNames: string[];
}

/** Change sets tapdeck creates must be named with this prefix (the promotion policy allows no other). */
export const PROMOTION_CHANGE_SET_PREFIX = 'tapdeck-promote-';

/**
 * Two customer managed policies for tapdeck itself, for operators to attach to tapdeck's role or user
 * (created as AWS::IAM::ManagedPolicy so they live and die with the stack and their ARNs are outputs):
 *
 * - **read-only**: watch this stack, its events, alarms, metrics, execution logs and executions;
 * - **promotion**: create/execute a change set on this stack only, whose name starts with `tapdeck-promote-`,
 *   plus exactly what a Mode-only change touches (the workflow role's inline policy, whose apply statements
 *   hang on IsApply, and the state machine's DefinitionSubstitutions) and starting dry-run executions. The
 *   key and the alarms are out of scope: they are tagged only with Name and EnvironmentSuffix (Mode is not a
 *   tag, see TapParameters.safeTags), so a promotion leaves them alone and needs no KMS or alarm writes.
 *
 * IAM has no condition key for change-set *parameters*, so "only the Mode change" cannot be enforced by
 * policy alone: the promotion policy instead denies template replacement by URL and grants only the
 * permissions a Mode flip needs, so a change set that does more fails on permissions; tapdeck's promotion
 * code sends `UsePreviousTemplate` and `UsePreviousValue` for every parameter but Mode.
 */
export class TapdeckAccessPolicy extends Construct {
  readonly readOnly: CfnManagedPolicy;
  readonly promotion: CfnManagedPolicy;

  constructor(scope: Construct, id: string, props: TapdeckAccessPolicyProps) {
    super(scope, id);
    const stackArn = Fn.sub('arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*');
    const alarmArns = props.alarmNames.map((name) =>
      Fn.sub('arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${Name}', { Name: name }));
    const executionArns = Fn.sub('arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Name}:*', {
      Name: Fn.select(6, Fn.split(':', props.stateMachineArn)),
    });

    this.readOnly = new CfnManagedPolicy(this, 'ReadOnly', {
      description: 'tapdeck: view the TapStack (stack, events, alarms, logs, executions); no writes',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ViewStack',
            Effect: 'Allow',
            Action: [
              'cloudformation:DescribeStacks',
              'cloudformation:DescribeStackEvents',
              'cloudformation:DescribeStackResources',
              'cloudformation:GetTemplate',
              'cloudformation:ListChangeSets',
              'cloudformation:DescribeChangeSet',
            ],
            Resource: stackArn,
          },
          {
            Sid: 'ViewAlarms',
            Effect: 'Allow',
            Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'],
            Resource: alarmArns,
          },
          // GetMetricData has no resource-level permissions (AWS: resource "*").
          { Sid: 'ReadMetrics', Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' },
          {
            Sid: 'ReadExecutionLogs',
            Effect: 'Allow',
            Action: ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
            Resource: props.logGroupArn,
          },
          {
            Sid: 'ViewExecutions',
            Effect: 'Allow',
            Action: ['states:DescribeStateMachine', 'states:ListExecutions'],
            Resource: props.stateMachineArn,
          },
          {
            Sid: 'ViewExecutionDetails',
            Effect: 'Allow',
            Action: ['states:DescribeExecution', 'states:GetExecutionHistory'],
            Resource: executionArns,
          },
        ],
      },
    });

    const changeSetArn = Fn.sub(
      'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:changeSet/${Prefix}*/*',
      { Prefix: PROMOTION_CHANGE_SET_PREFIX },
    );
    this.promotion = new CfnManagedPolicy(this, 'Promotion', {
      description: 'tapdeck: promote the TapStack by a Mode-only change set; attach with the read-only policy',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ChangeSetsOnThisStack',
            Effect: 'Allow',
            Action: [
              'cloudformation:CreateChangeSet',
              'cloudformation:DescribeChangeSet',
              'cloudformation:ExecuteChangeSet',
              'cloudformation:DeleteChangeSet',
            ],
            Resource: [stackArn, changeSetArn],
            Condition: { StringLike: { 'cloudformation:ChangeSetName': `${PROMOTION_CHANGE_SET_PREFIX}*` } },
          },
          {
            // A promotion reuses the deployed template; a new template by URL is never a Mode change.
            Sid: 'NoNewTemplateByUrl',
            Effect: 'Deny',
            Action: 'cloudformation:CreateChangeSet',
            Resource: '*',
            Condition: { Null: { 'cloudformation:TemplateUrl': 'false' } },
          },
          {
            // Mode toggles the apply statements of the workflow role's inline policy.
            Sid: 'UpdateWorkflowRolePolicy',
            Effect: 'Allow',
            Action: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:PutRolePolicy'],
            Resource: props.workflowRoleArn,
          },
          {
            Sid: 'PassWorkflowRoleToStepFunctions',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: props.workflowRoleArn,
            Condition: { StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' } },
          },
          {
            // Mode reaches the definition through DefinitionSubstitutions; dry-run executions verify it.
            Sid: 'UpdateAndRunWorkflow',
            Effect: 'Allow',
            Action: [
              'states:DescribeStateMachine',
              'states:UpdateStateMachine',
              'states:ListTagsForResource',
              'states:StartExecution',
            ],
            Resource: props.stateMachineArn,
          },
        ],
      },
    });

    const stackIdReason = {
      id: 'AwsSolutions-IAM5',
      reason: 'A stack ARN ends in a UUID assigned at creation: `stack/<this stack name>/*` is this stack only',
      appliesTo: ['Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/<AWS::StackName>/*'],
    };
    NagSuppressions.addResourceSuppressions(this.readOnly, [
      stackIdReason,
      {
        id: 'AwsSolutions-IAM5',
        reason: 'cloudwatch:GetMetricData supports no resource-level permissions (AWS: resource "*")',
        appliesTo: ['Resource::*'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason: 'Execution ARNs are <state machine>:<execution name>: the wildcard covers executions of this state machine only',
        appliesTo: [{ regex: '/^Resource::.*:execution:.*$/g' }],
      },
    ]);
    NagSuppressions.addResourceSuppressions(this.promotion, [
      stackIdReason,
      {
        id: 'AwsSolutions-IAM5',
        reason: 'Change-set ARNs end in a UUID; the name part is pinned to the tapdeck-promote- prefix',
        appliesTo: [{ regex: '/^Resource::.*:changeSet.*$/g' }],
      },
    ]);
  }
}
