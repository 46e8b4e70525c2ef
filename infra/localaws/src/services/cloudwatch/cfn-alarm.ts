/**
 * AWS::CloudWatch::Alarm — Ref is the alarm name; GetAtt Arn. Goes through the same path as PutMetricAlarm, so
 * the alarm is evaluated like any other and refuses what the API refuses (tag values outside
 * `[\p{L}\p{Z}\p{N}_.:/=+\-@]*` first of all), reported as the resource handler reports a CloudWatch refusal.
 */
import { AwsError } from '../../errors';
import {
  generateName,
  ResourceHandlerError,
  stringProp,
  type Props,
  type ProvisionContext,
  type Provisioner,
} from '../cloudformation/provisioner';
import { readTags } from './alarm-config';
import { deleteAlarms, putAlarm } from './alarm-store';
import type { CloudWatchModel } from './model';

export function createAlarmProvisioner(cloudwatch: CloudWatchModel): Provisioner {
  const save = (name: string, props: Props, ctx: ProvisionContext) => {
    try {
      const alarm = putAlarm(cloudwatch, ctx.account, ctx.region, { ...props, AlarmName: name });
      // PutMetricAlarm ignores Tags on an existing alarm; a stack update does apply them.
      alarm.tags = readTags(props.Tags);
      return { physicalId: name, attributes: { Arn: alarm.arn } };
    } catch (error) {
      if (error instanceof AwsError) throw new ResourceHandlerError(error.message, 'InvalidRequest', 'CloudWatch', error.status);
      throw error;
    }
  };
  return {
    type: 'AWS::CloudWatch::Alarm',
    createMs: 3_000,
    create: (props, ctx) => save(stringProp(props, 'AlarmName') ?? generateName(ctx, 255), props, ctx),
    update: (name, props, _previous, ctx) => save(name, props, ctx),
    delete(name, ctx) {
      deleteAlarms(cloudwatch, ctx.account, ctx.region, [name]);
    },
  };
}
