/** AWS::KMS::Key — Ref is the key id; GetAtt Arn, KeyId. Refuses tags KMS refuses. */
import { randomUUID } from 'node:crypto';
import type { KmsModel } from '../services/kms/model';
import { ResourceHandlerError, stringProp, tagList, type Props, type Provisioner } from './types';

// What KMS accepts in a tag value (the CloudFormation docs list letters, digits, white space and _ . / = + -; KMS also takes : and @).
const KMS_TAG_VALUE = /^[A-Za-z0-9 _.:/=+\-@]*$/;

export function checkKmsTags(props: Props): void {
  const tags = tagList(props);
  const keys = new Set<string>();
  tags.forEach((tag, index) => {
    if (tag.Key.startsWith('aws:')) throw new ResourceHandlerError(`Tag keys beginning with 'aws:' are reserved`, 'InvalidRequest', 'Kms');
    if (keys.has(tag.Key)) throw new ResourceHandlerError(`Duplicate tag keys: ${tag.Key}`, 'InvalidRequest', 'Kms');
    keys.add(tag.Key);
    if (tag.Value.length > 256) {
      throw new ResourceHandlerError(
        `1 validation error detected: Value '${tag.Value}' at 'tags.${index + 1}.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
        'InvalidRequest',
        'Kms',
      );
    }
    if (!KMS_TAG_VALUE.test(tag.Value)) {
      throw new ResourceHandlerError(`Tag value contains invalid characters (TagException): '${tag.Value}' for tag key '${tag.Key}'`, 'InvalidRequest', 'Kms');
    }
  });
  if (tags.length > 50) throw new ResourceHandlerError('Too many tags (TagException): at most 50 are allowed', 'InvalidRequest', 'Kms');
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
      });
      return { physicalId: keyId, attributes: { Arn: arn, KeyId: keyId } };
    },
    update(keyId, props, _previous, ctx) {
      checkKmsTags(props);
      const key = kms.keys.get(ctx.account, ctx.region).get(keyId);
      if (key) Object.assign(key, { description: stringProp(props, 'Description'), keyPolicy: props.KeyPolicy, tags: tagList(props) });
      return { physicalId: keyId, attributes: { Arn: key?.arn ?? '', KeyId: keyId } };
    },
    delete(keyId, ctx) {
      // Real keys are only scheduled for deletion; here they simply go.
      kms.keys.get(ctx.account, ctx.region).delete(keyId);
    },
  };
}
