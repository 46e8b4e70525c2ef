import { Aws, CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnLogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LogCmk } from './log-cmk';
import { TapAlarms } from './tap-alarms';
import { TapParameters } from './tap-parameters';
import { TapWorkflow } from './tap-workflow';
import { TapdeckAccessPolicy } from './tapdeck-access-policy';

export interface TapStackProps extends StackProps {
  /** Environment suffix used as the EnvironmentSuffix parameter's default (`-c suffix=`). */
  readonly suffix: string;
}

/** Every TapStack log group starts with this; the CMK's encryption-context pattern is built from it. */
export const LOG_GROUP_PREFIX = '/aws/vendedlogs/states/TapStack-';

/**
 * The TapStack: an optional CMK, the execution log group, the pre-check workflow, its alarms and the
 * policies tapdeck needs. Environment-agnostic: account and region come from pseudo parameters, so the same
 * template deploys to localaws and to any real account.
 */
export class TapStack extends Stack {
  readonly params: TapParameters;
  readonly cmk: LogCmk;
  readonly logGroup: CfnLogGroup;
  readonly workflow: TapWorkflow;
  readonly alarms: TapAlarms;
  readonly access: TapdeckAccessPolicy;

  constructor(scope: Construct, id: string, props: TapStackProps) {
    super(scope, id, props);
    const params = (this.params = new TapParameters(this, 'Parameters', { defaultSuffix: props.suffix }));
    const suffix = params.environmentSuffix.valueAsString;
    const namePrefix = `TapStack-${suffix}`;

    const cmkAliasName = `alias/tapstack/${suffix}`;
    this.cmk = new LogCmk(this, 'LogCmk', {
      condition: params.useCmk,
      logGroupNamePrefix: LOG_GROUP_PREFIX,
      aliasName: cmkAliasName,
      tags: params.safeTags(`${namePrefix}-logs`),
    });

    this.logGroup = new CfnLogGroup(this, 'ExecutionLogs', {
      // The /aws/vendedlogs/ prefix keeps the Logs resource policy small however many state machines log here.
      logGroupName: `${LOG_GROUP_PREFIX}${suffix}`,
      retentionInDays: RetentionDays.ONE_MONTH,
      // Seed lesson 3: Fn::If on the key's condition, and no DependsOn on the (conditional) key. The GetAtt
      // inside the Fn::If already orders creation when the key exists; a DependsOn would name a resource that
      // is absent when EnableCmk=false (cfn-lint E3005, CloudFormation "Unresolved resource dependencies").
      kmsKeyId: Fn.conditionIf(params.useCmk.logicalId, this.cmk.keyArn, Aws.NO_VALUE).toString(),
    });
    // Execution logs are diagnostic, not records: removing the stack removes them, and a retained named group
    // would block re-creating a stack with the same suffix.
    this.logGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);

    this.workflow = new TapWorkflow(this, 'Workflow', {
      params,
      logGroup: this.logGroup,
      stateMachineName: namePrefix,
    });
    const stateMachineArn = this.workflow.stateMachine.attrArn;

    this.alarms = new TapAlarms(this, 'Alarms', {
      params,
      logGroup: this.logGroup,
      stateMachineArn,
      namePrefix,
      namespace: `TapStack/${suffix}`,
      tags: (name) => params.safeTags(name),
    });

    this.access = new TapdeckAccessPolicy(this, 'TapdeckAccess', {
      stateMachineArn,
      workflowRoleArn: this.workflow.role.attrArn,
      cmkAliasName,
    });

    const output = (name: string, value: string, description: string) => new CfnOutput(this, name, { value, description });
    output('StateMachineArn', stateMachineArn, 'The pre-check workflow');
    output('LogGroupName', this.logGroup.ref, 'Execution log group');
    output('LogGroupArn', this.logGroup.attrArn, 'Execution log group ARN');
    new CfnOutput(this, 'CmkArn', {
      value: this.cmk.keyArn,
      description: 'CMK encrypting the execution logs',
      condition: params.useCmk,
    });
    output('ErrorsAlarmName', this.alarms.alarms.errors.ref, 'Errors in the execution log');
    output('ThrottlesAlarmName', this.alarms.alarms.throttles.ref, 'Throttles in the execution log');
    output('ExecutionsFailedAlarmName', this.alarms.alarms.executionsFailed.ref, 'AWS/States ExecutionsFailed');
    output('ExecutionThrottledAlarmName', this.alarms.alarms.executionThrottled.ref, 'AWS/States ExecutionThrottled');
    output('ActiveMode', params.mode.valueAsString, 'Mode the stack runs in: dry-run or apply');
    output('TapdeckReadOnlyPolicyArn', this.access.readOnly.ref, 'Attach to tapdeck to view the stack');
    output('TapdeckPromotionPolicyArn', this.access.promotion.ref, 'Attach to tapdeck to promote (Mode only)');
  }
}
