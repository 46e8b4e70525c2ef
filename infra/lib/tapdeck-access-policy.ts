import { Fn } from 'aws-cdk-lib';
import { CfnManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export interface TapdeckAccessPolicyProps {
  readonly stateMachineArn: string;
  readonly workflowRoleArn: string;
  /**
   * Alias name of the TapStack's log CMK (`alias/...`). The key and its alias exist only under UseCmk; the
   * read-only policy names the key through this alias (kms:ResourceAliases) so it needs no conditional reference.
   */
  readonly cmkAliasName: string;
}

/** Change sets tapdeck creates must be named with this prefix (the promotion policy allows no other). */
export const PROMOTION_CHANGE_SET_PREFIX = 'tapdeck-promote-';

/**
 * Two customer managed policies for tapdeck itself, for operators to attach to tapdeck's role or user
 * (created as AWS::IAM::ManagedPolicy so they live and die with the stack and their ARNs are outputs):
 *
 * - **read-only**: exactly the reads the dashboard makes: the stack list, this stack and its events, its alarms
 *   (by name prefix), its executions, its log group and the log CMK's key policy and rotation;
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
    const executionArns = Fn.sub('arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Name}:*', {
      Name: Fn.select(6, Fn.split(':', props.stateMachineArn)),
    });

    // Each statement is one of the dashboard's reads (lib/aws/*.ts), scoped as narrowly as IAM authorizes that
    // read; the Service Authorization Reference (SAR) row and AWS's observed request resource are noted per statement.
    this.readOnly = new CfnManagedPolicy(this, 'ReadOnly', {
      description: 'tapdeck: view the TapStack (stack list, stack, events, alarms, executions, log group, log CMK); no writes',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          // SAR: ListStacks has no resource types, so the Resource element must be "*" (the stack list page).
          { Sid: 'ListStacks', Effect: 'Allow', Action: 'cloudformation:ListStacks', Resource: '*' },
          {
            // SAR: no resource types for any of these, so "*": alarms on the workflow's metrics, an alarm's metric
            // chart, and the CMK page's pattern tester (TestMetricFilter reads only the pattern and lines it is sent).
            Sid: 'MetricReads',
            Effect: 'Allow',
            Action: ['cloudwatch:DescribeAlarmsForMetric', 'cloudwatch:GetMetricData', 'logs:TestMetricFilter'],
            Resource: '*',
          },
          {
            // SAR: resource type stack*; the dashboard always passes StackName (DescribeStacks without one needs "*").
            Sid: 'ViewStack',
            Effect: 'Allow',
            Action: [
              'cloudformation:DescribeStacks',
              'cloudformation:DescribeStackEvents',
              'cloudformation:DescribeStackResources',
              'cloudformation:ListChangeSets',
            ],
            Resource: stackArn,
          },
          {
            // The Change sets section: DescribeChangeSet names the stack and the change set, and IAM may evaluate
            // either ARN; change-set ARNs end in a UUID, so those of this account and Region.
            Sid: 'ViewChangeSets',
            Effect: 'Allow',
            Action: 'cloudformation:DescribeChangeSet',
            Resource: [stackArn, Fn.sub('arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:changeSet/*/*')],
          },
          {
            // SAR: resource type alarm*. A DescribeAlarms call with AlarmNamePrefix (no AlarmNames) is authorized
            // against the literal `alarm:*` of the account and Region, not against each alarm, so alarm-name ARNs or
            // a `<stack>-*` pattern are denied. Alarms of this account and Region is the narrowest scope that works;
            // the prefix filter itself cannot be expressed in IAM. Metric alarms only: composite alarms need "*".
            Sid: 'ViewAlarmsByPrefix',
            Effect: 'Allow',
            Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'],
            Resource: Fn.sub('arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*'),
          },
          {
            // SAR: ListExecutions on stateMachine*, DescribeExecution on execution* (this state machine's only).
            Sid: 'ListExecutions',
            Effect: 'Allow',
            Action: ['states:ListExecutions', 'states:DescribeStateMachine'],
            Resource: props.stateMachineArn,
          },
          {
            // GetExecutionHistory: the promotion preflight reads which role and account a dry run's alignment step ran as.
            Sid: 'DescribeExecutions',
            Effect: 'Allow',
            Action: ['states:DescribeExecution', 'states:GetExecutionHistory'],
            Resource: executionArns,
          },
          {
            // SAR: DescribeLogGroups has no resource types ("*"); Logs authorizes it against
            // `log-group::log-stream:` whatever logGroupNamePrefix says, so a pattern naming the stack's log group is
            // denied. `log-group:*` of this account and Region matches it and is narrower than "*".
            Sid: 'DescribeLogGroups',
            Effect: 'Allow',
            // The CMK chain page's metric filters and sample events too (SAR: log-group*).
            Action: ['logs:DescribeLogGroups', 'logs:DescribeMetricFilters', 'logs:FilterLogEvents'],
            Resource: Fn.sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*'),
          },
          {
            // SAR: resource type key*, condition key kms:ResourceAliases for all three. The CMK exists only under
            // UseCmk, so the statement names it by its alias rather than by a (conditional) key ARN: any key of
            // this account and Region, but only one whose aliases include the TapStack's.
            Sid: 'ReadLogCmk',
            Effect: 'Allow',
            Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus'],
            Resource: Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'),
            Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': props.cmkAliasName } },
          },
        ],
      },
    });

    const changeSetArn = Fn.sub('arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:changeSet/${Prefix}*/*', {
      Prefix: PROMOTION_CHANGE_SET_PREFIX,
    });
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
            // GetTemplate: the approval is bound to a hash of the change set's template. UpdateStack: demote (apply →
            // dry-run) is a plain UsePreviousTemplate update that needs no approval.
            Sid: 'HashTemplateAndDemote',
            Effect: 'Allow',
            Action: ['cloudformation:GetTemplate', 'cloudformation:UpdateStack'],
            Resource: stackArn,
          },
          {
            // A promotion or demotion reuses the deployed template; a new template by URL is never a Mode change.
            Sid: 'NoNewTemplateByUrl',
            Effect: 'Deny',
            Action: ['cloudformation:CreateChangeSet', 'cloudformation:UpdateStack'],
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
        reason:
          'ListStacks, DescribeAlarmsForMetric, GetMetricData and TestMetricFilter support no resource-level permissions (SAR: no resource type, so "*")',
        appliesTo: ['Resource::*'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason: 'DescribeAlarms with AlarmNamePrefix is authorized against alarm:* of the account and Region, not per alarm',
        appliesTo: ['Resource::arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:*'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason: 'Execution ARNs are <state machine>:<execution name>: the wildcard covers executions of this state machine only',
        appliesTo: [{ regex: '/^Resource::.*:execution:.*$/g' }],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'logs:DescribeLogGroups has no resource type (SAR) and is authorized against log-group::log-stream: of the account',
        appliesTo: ['Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'The conditional CMK is named by its alias: any key here, but kms:ResourceAliases must include the TapStack alias',
        appliesTo: ['Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*'],
      },
    ]);
    NagSuppressions.addResourceSuppressions(this.readOnly, [
      {
        id: 'AwsSolutions-IAM5',
        reason: 'Change-set ARNs end in a UUID assigned at creation; DescribeChangeSet only reads',
        appliesTo: ['Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:changeSet/*/*'],
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
