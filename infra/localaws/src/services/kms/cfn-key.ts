/** AWS::KMS::Key — Ref is the key id; GetAtt Arn, KeyId. Refuses tags KMS refuses. */
import { randomUUID } from 'node:crypto';
import { ResourceHandlerError, stringProp, tagList, type Props, type Provisioner } from '../cloudformation/provisioner';
import type { KmsModel } from './model';
import { KmsTagError, validateKmsTags } from './tags';

/** The KMS API's own tag rules (services/kms/tags.ts), reported as the KMS resource handler does: InvalidRequest. */
export function checkKmsTags(props: Props): void {
  try {
    validateKmsTags(tagList(props));
  } catch (error) {
    if (error instanceof KmsTagError) throw new ResourceHandlerError(error.stackMessage, 'InvalidRequest', 'Kms');
    throw error;
  }
}

/** EnableKeyRotation / RotationPeriodInDays as the KMS API would have set them. */
function rotationOf(props: Props): { rotationEnabled: boolean; rotationPeriodInDays?: number } {
  const enabled = props.EnableKeyRotation === true || props.EnableKeyRotation === 'true';
  return enabled
    ? { rotationEnabled: true, rotationPeriodInDays: Number(props.RotationPeriodInDays ?? 365) }
    : { rotationEnabled: false };
}

export function createKmsKeyProvisioner(kms: KmsModel): Provisioner {
  return {
    type: 'AWS::KMS::Key',
    createMs: 30_000,
    updateMs: 10_000,
    deleteMs: 5_000,
    create(props, ctx) {
      checkKmsTags(props);
      const keyId = randomUUID();
      const arn = `arn:aws:kms:${ctx.region}:${ctx.account}:key/${keyId}`;
      kms.keys.get(ctx.account, ctx.region).set(keyId, {
        keyId,
        arn,
        description: stringProp(props, 'Description'),
        enabled: props.Enabled !== false && props.Enabled !== 'false',
        keyPolicy: props.KeyPolicy,
        tags: tagList(props),
        creationDate: new Date(),
        ...rotationOf(props),
      });
      return { physicalId: keyId, attributes: { Arn: arn, KeyId: keyId } };
    },
    update(keyId, props, _previous, ctx) {
      checkKmsTags(props);
      const key = kms.keys.get(ctx.account, ctx.region).get(keyId);
      if (key)
        Object.assign(key, {
          description: stringProp(props, 'Description'),
          keyPolicy: props.KeyPolicy,
          tags: tagList(props),
          ...rotationOf(props),
        });
      return { physicalId: keyId, attributes: { Arn: key?.arn ?? '', KeyId: keyId } };
    },
    delete(keyId, ctx) {
      // Real keys are only scheduled for deletion; here they simply go.
      kms.keys.get(ctx.account, ctx.region).delete(keyId);
    },
  };
}
