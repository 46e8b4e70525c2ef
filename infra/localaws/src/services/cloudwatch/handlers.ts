/**
 * CloudWatch: awsJson1.0 (what the current SDK speaks, query-compatible errors) and the older form protocol
 * (Debian's AWS CLI 2.9), one handler per operation wired to the SDK's operation schemas.
 */
import * as Cw from '@aws-sdk/client-cloudwatch';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService } from '../types';
import {
  deleteAlarms,
  describeAlarms,
  describeAlarmsForMetric,
  disableAlarmActions,
  enableAlarmActions,
  putMetricAlarm,
  setAlarmState,
} from './alarm-handlers';
import { AlarmScheduler } from './alarm-scheduler';
import { createAlarmProvisioner } from './cfn-alarm';
import type { CwDeps } from './deps';
import { missingMember } from './errors';
import { describeAlarmHistory, listTagsForResource, tagResource, untagResource } from './history-tag-handlers';
import { getMetricData } from './metric-data-handler';
import { getMetricStatistics, listMetrics, putMetricData } from './metric-handlers';

/** The alarm evaluator runs while the server does (speed-up: LOCALAWS_ALARM_SPEEDUP or models.cloudwatch.setSpeedup). */
export function createCloudWatchService({ models, log }: ServiceContext): LocalService {
  const scheduler = new AlarmScheduler(models.cloudwatch, models.sns, log);
  const deps: CwDeps = { model: models.cloudwatch, sns: models.sns, scheduler };
  const op = bindOperations<CwDeps>(deps);
  const api: AwsService = {
    signingName: 'monitoring',
    json: { version: '1.0', targetPrefix: 'GraniteServiceVersion20100801', queryCompatible: true, missingMember },
    query: { serviceNamespace: 'com.amazonaws.cloudwatch', xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/' },
    operations: {
      PutMetricData: op(Cw.PutMetricData$, putMetricData),
      GetMetricStatistics: op(Cw.GetMetricStatistics$, getMetricStatistics),
      GetMetricData: op(Cw.GetMetricData$, getMetricData),
      ListMetrics: op(Cw.ListMetrics$, listMetrics),
      PutMetricAlarm: op(Cw.PutMetricAlarm$, putMetricAlarm),
      DescribeAlarms: op(Cw.DescribeAlarms$, describeAlarms),
      DescribeAlarmsForMetric: op(Cw.DescribeAlarmsForMetric$, describeAlarmsForMetric),
      DeleteAlarms: op(Cw.DeleteAlarms$, deleteAlarms),
      DescribeAlarmHistory: op(Cw.DescribeAlarmHistory$, describeAlarmHistory),
      SetAlarmState: op(Cw.SetAlarmState$, setAlarmState),
      EnableAlarmActions: op(Cw.EnableAlarmActions$, enableAlarmActions),
      DisableAlarmActions: op(Cw.DisableAlarmActions$, disableAlarmActions),
      TagResource: op(Cw.TagResource$, tagResource),
      UntagResource: op(Cw.UntagResource$, untagResource),
      ListTagsForResource: op(Cw.ListTagsForResource$, listTagsForResource),
    },
  };
  return {
    api,
    resourceTypes: [createAlarmProvisioner(models.cloudwatch)],
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
}
