/** KMS over awsJson1.1 (TrentService): one handler per operation, wired to the SDK's operation schemas. */
import * as Kms from '@aws-sdk/client-kms';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService } from '../types';
import { createAlias, deleteAlias, listAliases, updateAlias } from './alias-handlers';
import { createKmsAliasProvisioner } from './cfn-alias';
import { createKmsKeyProvisioner } from './cfn-key';
import { decrypt, encrypt, generateDataKey } from './crypto-handlers';
import * as keys from './key-handlers';
import type { KmsModel } from './model';
import { getKeyPolicy, listKeyPolicies, listResourceTags, putKeyPolicy, tagResource, untagResource } from './policy-handlers';

export function createKmsService({ models }: ServiceContext): LocalService {
  const op = bindOperations<KmsModel>(models.kms);
  const api: AwsService = {
    signingName: 'kms',
    // KMS answers a missing member with the default ValidationException text.
    json: { version: '1.1', targetPrefix: 'TrentService' },
    operations: {
      CreateKey: op(Kms.CreateKey$, keys.createKey),
      DescribeKey: op(Kms.DescribeKey$, keys.describeKey),
      ListKeys: op(Kms.ListKeys$, keys.listKeys),
      EnableKey: op(Kms.EnableKey$, keys.enableKey),
      DisableKey: op(Kms.DisableKey$, keys.disableKey),
      ScheduleKeyDeletion: op(Kms.ScheduleKeyDeletion$, keys.scheduleKeyDeletion),
      CancelKeyDeletion: op(Kms.CancelKeyDeletion$, keys.cancelKeyDeletion),
      EnableKeyRotation: op(Kms.EnableKeyRotation$, keys.enableKeyRotation),
      DisableKeyRotation: op(Kms.DisableKeyRotation$, keys.disableKeyRotation),
      GetKeyRotationStatus: op(Kms.GetKeyRotationStatus$, keys.getKeyRotationStatus),
      GetKeyPolicy: op(Kms.GetKeyPolicy$, getKeyPolicy),
      PutKeyPolicy: op(Kms.PutKeyPolicy$, putKeyPolicy),
      ListKeyPolicies: op(Kms.ListKeyPolicies$, listKeyPolicies),
      CreateAlias: op(Kms.CreateAlias$, createAlias),
      UpdateAlias: op(Kms.UpdateAlias$, updateAlias),
      DeleteAlias: op(Kms.DeleteAlias$, deleteAlias),
      ListAliases: op(Kms.ListAliases$, listAliases),
      TagResource: op(Kms.TagResource$, tagResource),
      UntagResource: op(Kms.UntagResource$, untagResource),
      ListResourceTags: op(Kms.ListResourceTags$, listResourceTags),
      Encrypt: op(Kms.Encrypt$, encrypt),
      Decrypt: op(Kms.Decrypt$, decrypt),
      GenerateDataKey: op(Kms.GenerateDataKey$, generateDataKey),
    },
  };
  return { api, resourceTypes: [createKmsKeyProvisioner(models.kms), createKmsAliasProvisioner(models.kms)] };
}
