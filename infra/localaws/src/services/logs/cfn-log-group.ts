/** AWS::Logs::LogGroup — Ref is the name; GetAtt Arn (…:log-group:NAME:*). Checks a CMK lets Logs use it. */
import {
  generateName,
  ResourceHandlerError,
  stringProp,
  type Props,
  type ProvisionContext,
  type Provisioner,
} from '../cloudformation/provisioner';
import type { KmsModel } from '../kms/model';
import { keyPolicyAllowsLogs } from './kms-binding';
import type { LogsModel } from './model';

export function createLogGroupProvisioner(logs: LogsModel, kms: KmsModel): Provisioner {
  const checkKey = (name: string, props: Props, ctx: ProvisionContext) => {
    const kmsKeyId = stringProp(props, 'KmsKeyId');
    if (!kmsKeyId) return;
    const groupArn = `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}`;
    const key = kms.findKey(ctx.account, ctx.region, kmsKeyId);
    if (!key || !key.enabled || !keyPolicyAllowsLogs(key.keyPolicy, ctx.region, groupArn)) {
      throw new ResourceHandlerError(
        `The specified KMS key does not exist or is not allowed to be used with Arn '${groupArn}'`,
        'GeneralServiceException',
        'CloudWatchLogs',
      );
    }
  };
  const save = (name: string, props: Props, ctx: ProvisionContext) => {
    checkKey(name, props, ctx);
    const arn = `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}:*`;
    const retention = props.RetentionInDays === undefined ? undefined : Number(props.RetentionInDays);
    logs.groups
      .get(ctx.account, ctx.region)
      .set(name, { name, arn, kmsKeyId: stringProp(props, 'KmsKeyId'), retentionInDays: retention, creationTime: new Date() });
    return { physicalId: name, attributes: { Arn: arn } };
  };
  return {
    type: 'AWS::Logs::LogGroup',
    createMs: 3_000,
    create: (props, ctx) => save(stringProp(props, 'LogGroupName') ?? generateName(ctx, 512), props, ctx),
    update: (name, props, _previous, ctx) => save(name, props, ctx),
    delete(name, ctx) {
      logs.groups.get(ctx.account, ctx.region).delete(name);
    },
  };
}
