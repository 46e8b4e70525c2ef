/** AWS::KMS::Alias — Ref is the alias name. */
import { ResourceHandlerError, stringProp, type Provisioner } from '../cloudformation/provisioner';
import type { KmsModel } from './model';

export function createKmsAliasProvisioner(kms: KmsModel): Provisioner {
  const save = (props: Record<string, unknown>, account: string, region: string) => {
    const name = stringProp(props, 'AliasName') ?? '';
    if (!name.startsWith('alias/') || name.startsWith('alias/aws/')) {
      throw new ResourceHandlerError(
        `Alias must start with the prefix "alias/" and must not begin with "alias/aws/"`,
        'InvalidRequest',
        'Kms',
      );
    }
    const target = kms.findKey(account, region, stringProp(props, 'TargetKeyId') ?? '');
    if (!target) throw new ResourceHandlerError(`Invalid keyId ${stringProp(props, 'TargetKeyId')}`, 'NotFound', 'Kms');
    kms.aliases.get(account, region).set(name, target.keyId);
    return { physicalId: name, attributes: {} };
  };
  return {
    type: 'AWS::KMS::Alias',
    createMs: 2_000,
    create: (props, ctx) => save(props, ctx.account, ctx.region),
    update: (_id, props, _previous, ctx) => save(props, ctx.account, ctx.region),
    delete(name, ctx) {
      kms.aliases.get(ctx.account, ctx.region).delete(name);
    },
  };
}
