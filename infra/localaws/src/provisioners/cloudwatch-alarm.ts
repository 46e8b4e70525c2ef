/** AWS::CloudWatch::Alarm — Ref is the alarm name; GetAtt Arn. Refuses tag values CloudWatch refuses. */
import type { CloudWatchModel } from '../services/cloudwatch/model';
import { generateName, ResourceHandlerError, stringProp, tagList, type Props, type ProvisionContext, type Provisioner } from './types';

const TAG_VALUE_PATTERN = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';
const TAG_VALUE = new RegExp(`^${TAG_VALUE_PATTERN}$`, 'u');

function checkAlarmTags(props: Props): void {
  tagList(props).forEach((tag, index) => {
    const problem =
      tag.Value.length > 256 ? 'Member must have length less than or equal to 256' : !TAG_VALUE.test(tag.Value) ? `Member must satisfy regular expression pattern: ${TAG_VALUE_PATTERN}` : undefined;
    if (problem) {
      throw new ResourceHandlerError(
        `1 validation error detected: Value '${tag.Value}' at 'tags.${index + 1}.member.value' failed to satisfy constraint: ${problem}`,
        'InvalidRequest',
        'CloudWatch',
      );
    }
  });
}

export function createAlarmProvisioner(cloudwatch: CloudWatchModel): Provisioner {
  const save = (name: string, props: Props, ctx: ProvisionContext) => {
    checkAlarmTags(props);
    const arn = `arn:aws:cloudwatch:${ctx.region}:${ctx.account}:alarm:${name}`;
    const alarms = cloudwatch.alarms.get(ctx.account, ctx.region);
    const existing = alarms.get(name);
    alarms.set(name, {
      name,
      arn,
      definition: props,
      stateValue: existing?.stateValue ?? 'INSUFFICIENT_DATA',
      stateReason: existing?.stateReason ?? 'Unchecked: Initial alarm creation',
      tags: tagList(props),
    });
    return { physicalId: name, attributes: { Arn: arn } };
  };
  return {
    type: 'AWS::CloudWatch::Alarm',
    createMs: 3_000,
    create: (props, ctx) => save(stringProp(props, 'AlarmName') ?? generateName(ctx, 255), props, ctx),
    update: (name, props, _previous, ctx) => save(name, props, ctx),
    delete(name, ctx) {
      cloudwatch.alarms.get(ctx.account, ctx.region).delete(name);
    },
  };
}
