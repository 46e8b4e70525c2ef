/** CloudWatch Logs over awsJson1.1 (Logs_20140328): one handler per operation, wired to the SDK's schemas. */
import * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService } from '../types';
import { createLogGroupProvisioner } from './cfn-log-group';
import { createMetricFilterProvisioner } from './cfn-metric-filter';
import * as delivery from './delivery-handlers';
import { logsMissingMember } from './errors';
import { filterLogEvents, getLogEvents, putLogEvents } from './event-handlers';
import * as groups from './group-handlers';
import * as filters from './metric-filter-handlers';
import * as streams from './stream-handlers';

export function createLogsService({ models }: ServiceContext): LocalService {
  const op = bindOperations<groups.LogsDeps>({ model: models.logs, kms: models.kms });
  const d = delivery.LOG_DELIVERY_SCHEMAS;
  const api: AwsService = {
    signingName: 'logs',
    json: { version: '1.1', targetPrefix: 'Logs_20140328', missingMember: logsMissingMember },
    operations: {
      CreateLogGroup: op(Logs.CreateLogGroup$, groups.createLogGroup),
      DeleteLogGroup: op(Logs.DeleteLogGroup$, groups.deleteLogGroup),
      DescribeLogGroups: op(Logs.DescribeLogGroups$, groups.describeLogGroups),
      PutRetentionPolicy: op(Logs.PutRetentionPolicy$, groups.putRetentionPolicy),
      DeleteRetentionPolicy: op(Logs.DeleteRetentionPolicy$, groups.deleteRetentionPolicy),
      AssociateKmsKey: op(Logs.AssociateKmsKey$, groups.associateKmsKey),
      DisassociateKmsKey: op(Logs.DisassociateKmsKey$, groups.disassociateKmsKey),
      TagResource: op(Logs.TagResource$, groups.tagResource),
      UntagResource: op(Logs.UntagResource$, groups.untagResource),
      ListTagsForResource: op(Logs.ListTagsForResource$, groups.listTagsForResource),
      CreateLogStream: op(Logs.CreateLogStream$, streams.createLogStream),
      DescribeLogStreams: op(Logs.DescribeLogStreams$, streams.describeLogStreams),
      DeleteLogStream: op(Logs.DeleteLogStream$, streams.deleteLogStream),
      PutLogEvents: op(Logs.PutLogEvents$, putLogEvents),
      GetLogEvents: op(Logs.GetLogEvents$, getLogEvents),
      FilterLogEvents: op(Logs.FilterLogEvents$, filterLogEvents),
      PutMetricFilter: op(Logs.PutMetricFilter$, filters.putMetricFilter),
      DescribeMetricFilters: op(Logs.DescribeMetricFilters$, filters.describeMetricFilters),
      DeleteMetricFilter: op(Logs.DeleteMetricFilter$, filters.deleteMetricFilter),
      TestMetricFilter: op(Logs.TestMetricFilter$, filters.testMetricFilter),
      PutResourcePolicy: op(Logs.PutResourcePolicy$, delivery.putResourcePolicy),
      DescribeResourcePolicies: op(Logs.DescribeResourcePolicies$, delivery.describeResourcePolicies),
      DeleteResourcePolicy: op(Logs.DeleteResourcePolicy$, delivery.deleteResourcePolicy),
      CreateLogDelivery: op(d.CreateLogDelivery, delivery.createLogDelivery),
      GetLogDelivery: op(d.GetLogDelivery, delivery.getLogDelivery),
      UpdateLogDelivery: op(d.UpdateLogDelivery, delivery.updateLogDelivery),
      DeleteLogDelivery: op(d.DeleteLogDelivery, delivery.deleteLogDelivery),
      ListLogDeliveries: op(d.ListLogDeliveries, delivery.listLogDeliveries),
    },
  };
  return { api, resourceTypes: [createLogGroupProvisioner(models.logs, models.kms), createMetricFilterProvisioner(models.logs)] };
}
