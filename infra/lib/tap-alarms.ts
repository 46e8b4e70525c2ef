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

/**
 * Error names that mean "rate-limited" (`<Service>.<Code>Exception`, see THROTTLING_ERRORS in
 * tap-workflow-definition.ts). `*` may only lead or end a JSON-pattern value, hence suffix matches.
 */
export const THROTTLE_ERROR_SUFFIXES = [
  'ThrottlingException',
  // STS's throttle as the workflow's Retry names it (Sts.ThrottlingErrorException): a throttle, not an error.
  'ThrottlingErrorException',
  'SlowDownException',
  'TooManyRequestsException',
  'LimitExceededException',
] as const;

const isThrottle = THROTTLE_ERROR_SUFFIXES.map((suffix) => `($.details.error = "*${suffix}")`).join(' || ');
const isNotThrottle = THROTTLE_ERROR_SUFFIXES.map((suffix) => `($.details.error != "*${suffix}")`).join(' && ');

/**
 * Throttles: task calls the target account rate-limited, whether the workflow's Retry absorbed them or not.
 * Errors: something failed that someone must look at: the execution failed, timed out or was aborted (a final
 * throttle included), or a task failed with an error that is not a throttle. A retried throttle alone never
 * counts here, so on-call is not paged for what the workflow already absorbed.
 *
 * A task failure lands in exactly one of the two, both built from THROTTLE_ERROR_SUFFIXES so they cannot drift.
 * AWS documents `!=` with a wildcard (`{ $.sourceIPAddress != 123.123.* }`) and `*` at either end of a value.
 * A comparison only matches a field that is there, hence `NOT EXISTS`: a TaskFailed without an error name is an
 * error.
 */
export const THROTTLES_PATTERN = `{ ($.type = "TaskFailed") && (${isThrottle}) }`;
export const ERRORS_PATTERN =
  '{ ($.type = "ExecutionFailed") || ($.type = "ExecutionTimedOut") || ($.type = "ExecutionAborted") || ' +
  `(($.type = "TaskFailed") && (($.details.error NOT EXISTS) || (${isNotThrottle}))) }`;

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
        metricTransformations: [{ metricNamespace: props.namespace, metricName, metricValue: '1', defaultValue: 0 }],
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
    // Descriptions say what each alarm means for on-call (the dashboard and the notification show them).
    this.alarms = {
      errors: alarm(
        'ErrorsAlarm',
        'errors',
        'Something failed that someone must look at: an execution failed, timed out or was aborted, or a task ' +
          'failed with an error that is not a throttle. Throttles the workflow retried away are not counted.',
        { metricName: 'Errors', namespace: props.namespace },
        errorThreshold,
      ),
      throttles: alarm(
        'ThrottlesAlarm',
        'throttles',
        'The target account is rate-limiting the SDK calls of the workflow (S3, DynamoDB, STS), retried or not. ' +
          'No run needs to have failed (the Errors alarm says that): look at who else calls the target account.',
        { metricName: 'Throttles', namespace: props.namespace },
        throttleThreshold,
      ),
      executionsFailed: alarm(
        'ExecutionsFailedAlarm',
        'executions-failed',
        'Executions of the workflow ended FAILED (AWS/States): a pre-check run did not finish; its error and ' +
          'cause are in the execution log and the execution history.',
        { metricName: 'ExecutionsFailed', namespace: 'AWS/States', dimensions: sm },
        errorThreshold,
      ),
      // AWS documents the metric as ExecutionThrottled (the CDK helper says ExecutionsThrottled).
      executionThrottled: alarm(
        'ExecutionThrottledAlarm',
        'execution-throttled',
        'Step Functions itself delayed executions of the workflow (AWS/States ExecutionThrottled): too many ' +
          'runs or state transitions at once in this account, not the target account rate-limiting.',
        { metricName: 'ExecutionThrottled', namespace: 'AWS/States', dimensions: sm },
        throttleThreshold,
      ),
    };
  }
}
