import { Aws, CfnTag, Fn, Token, Validations } from 'aws-cdk-lib';
import { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnLogGroup, CfnMetricFilter } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TapParameters } from './tap-parameters';

export interface TapAlarmsProps {
  readonly params: TapParameters;
  /** The workflow's execution log group (events are JSON, see aws-behaviour.md). */
  readonly logGroup: CfnLogGroup;
  readonly stateMachineArn: string;
  /** `TapStack-<suffix>`: the metric namespace is `TapStack/<suffix>` and alarm names start with it. */
  readonly namePrefix: string;
  readonly namespace: string;
  /** Tags: safe keys and plain values only (see TapParameters.safeTags). */
  readonly tags: (name: string) => CfnTag[];
}

/** Failures Step Functions logs at level ALL that count as errors. */
export const ERRORS_PATTERN =
  '{ ($.type = "ExecutionFailed") || ($.type = "ExecutionTimedOut") || ($.type = "ExecutionAborted") || ($.type = "TaskFailed") }';
/** Task failures whose error is a throttle (`*` may only lead a JSON-pattern value, hence suffix matches). */
export const THROTTLES_PATTERN =
  '{ ($.type = "TaskFailed") && (($.details.error = "*ThrottlingException") || ($.details.error = "*SlowDownException") || ($.details.error = "*TooManyRequestsException") || ($.details.error = "*LimitExceededException")) }';

interface AlarmMetric {
  readonly metricName: string;
  readonly namespace: string;
  readonly dimensions?: CfnAlarm.DimensionProperty[];
}

export type AlarmKey = 'errors' | 'throttles' | 'executionsFailed' | 'executionThrottled';

/** Metric filters for errors and throttles, and the four alarms the dashboard watches. */
export class TapAlarms extends Construct {
  readonly errorsFilter: CfnMetricFilter;
  readonly throttlesFilter: CfnMetricFilter;
  readonly alarms: Record<AlarmKey, CfnAlarm>;

  constructor(scope: Construct, id: string, props: TapAlarmsProps) {
    super(scope, id);
    const { params } = props;
    const filter = (name: string, metricName: string, filterPattern: string) =>
      new CfnMetricFilter(this, name, {
        logGroupName: props.logGroup.ref,
        filterPattern,
        metricTransformations: [
          { metricNamespace: props.namespace, metricName, metricValue: '1', defaultValue: 0 },
        ],
      });
    this.errorsFilter = filter('ErrorsFilter', 'Errors', ERRORS_PATTERN);
    this.throttlesFilter = filter('ThrottlesFilter', 'Throttles', THROTTLES_PATTERN);

    // No topic → no actions (the alarms still show in the dashboard); Fn::If keeps one template for both.
    const actions = Token.asList(
      Fn.conditionIf(params.hasAlarmTopic.logicalId, [params.alarmTopicArn.valueAsString], Aws.NO_VALUE),
    );
    const alarm = (key: string, suffix: string, description: string, metric: AlarmMetric, threshold: number) => {
      const alarmName = `${props.namePrefix}-${suffix}`;
      const cfnAlarm = new CfnAlarm(this, key, {
        alarmName,
        alarmDescription: description,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        period: 300,
        statistic: 'Sum',
        threshold,
        // No executions means nothing failed: without this, a quiet stack would sit in INSUFFICIENT_DATA.
        treatMissingData: 'notBreaching',
        metricName: metric.metricName,
        namespace: metric.namespace,
        dimensions: metric.dimensions,
        alarmActions: actions,
        tags: props.tags(alarmName),
      });
      // The synth-time validator reads Ref AlarmTopicArn's empty default without the Fn::If around it; the
      // condition HasAlarmTopic only lets the Ref through when it is non-empty (cfn-lint agrees).
      Validations.of(cfnAlarm).acknowledge({
        id: 'CloudFormation-Validate::W1030',
        reason: 'AlarmActions is Fn::If(HasAlarmTopic, [AlarmTopicArn], NoValue): never an empty ARN',
      });
      return cfnAlarm;
    };
    const errorThreshold = params.errorThreshold.valueAsNumber;
    const throttleThreshold = params.throttleThreshold.valueAsNumber;
    const sm = [{ name: 'StateMachineArn', value: props.stateMachineArn }];
    this.alarms = {
      errors: alarm('ErrorsAlarm', 'errors', 'Workflow errors in the execution log',
        { metricName: 'Errors', namespace: props.namespace }, errorThreshold),
      throttles: alarm('ThrottlesAlarm', 'throttles', 'Throttled SDK calls in the execution log',
        { metricName: 'Throttles', namespace: props.namespace }, throttleThreshold),
      executionsFailed: alarm('ExecutionsFailedAlarm', 'executions-failed', 'Failed executions (AWS/States)',
        { metricName: 'ExecutionsFailed', namespace: 'AWS/States', dimensions: sm }, errorThreshold),
      // AWS documents the metric as ExecutionThrottled (the CDK helper says ExecutionsThrottled).
      executionThrottled: alarm('ExecutionThrottledAlarm', 'execution-throttled', 'Throttled executions (AWS/States)',
        { metricName: 'ExecutionThrottled', namespace: 'AWS/States', dimensions: sm }, throttleThreshold),
    };
  }
}
