/** KMS key lifecycle: create, describe, list, enable/disable, rotation, scheduled deletion. */
import type * as Kms from '@aws-sdk/client-kms';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors';
import type { RequestContext } from '../types';
import { invalidState, requireKey, requireUsableKey, validation } from './errors';
import { defaultKeyPolicy, keyState, type KmsKey, type KmsModel } from './model';
import { parseKeyPolicy } from './policy-handlers';
import { fromApiTags, validateKmsTags } from './tags';

const DAY_MS = 86_400_000;

/** Which KeyUsage each KeySpec family allows (KMS refuses other pairs with ValidationException). */
function usagesFor(spec: string): string[] {
  if (spec === 'SYMMETRIC_DEFAULT') return ['ENCRYPT_DECRYPT'];
  if (spec.startsWith('HMAC_')) return ['GENERATE_VERIFY_MAC'];
  if (spec.startsWith('RSA_')) return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'];
  if (spec.startsWith('ML_KEM_')) return ['ENCAPSULATE_DECAPSULATE'];
  if (spec.startsWith('ML_DSA_') || spec === 'ECC_NIST_EDWARDS25519') return ['SIGN_VERIFY'];
  return ['SIGN_VERIFY', 'KEY_AGREEMENT'];
}

function encryptionAlgorithms(key: KmsKey): Kms.EncryptionAlgorithmSpec[] | undefined {
  const spec = key.keySpec ?? 'SYMMETRIC_DEFAULT';
  if ((key.keyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') return undefined;
  return spec === 'SYMMETRIC_DEFAULT' ? ['SYMMETRIC_DEFAULT'] : ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
}

export function keyMetadata(key: KmsKey, ctx: RequestContext): Kms.KeyMetadata {
  const spec = (key.keySpec ?? 'SYMMETRIC_DEFAULT') as Kms.KeySpec;
  return {
    AWSAccountId: ctx.account,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.creationDate,
    Enabled: keyState(key) === 'Enabled',
    Description: key.description ?? '',
    KeyUsage: (key.keyUsage ?? 'ENCRYPT_DECRYPT') as Kms.KeyUsageType,
    KeyState: keyState(key),
    DeletionDate: key.deletionDate,
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: spec as Kms.CustomerMasterKeySpec,
    KeySpec: spec,
    EncryptionAlgorithms: encryptionAlgorithms(key),
    MultiRegion: false,
  };
}

export function createKey(model: KmsModel, input: Kms.CreateKeyRequest, ctx: RequestContext): Kms.CreateKeyResponse {
  const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  const usage =
    input.KeyUsage ??
    (spec.startsWith('HMAC_')
      ? 'GENERATE_VERIFY_MAC'
      : spec === 'SYMMETRIC_DEFAULT' || spec.startsWith('RSA_')
        ? 'ENCRYPT_DECRYPT'
        : 'SIGN_VERIFY');
  if (!usagesFor(spec).includes(usage)) throw validation(`KeySpec ${spec} is not supported for KeyUsage ${usage}`);
  if ((input.Description ?? '').length > 8192) {
    throw validation(
      `1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192`,
    );
  }
  const tags = fromApiTags(input.Tags);
  validateKmsTags(tags);
  const policy =
    input.Policy === undefined
      ? defaultKeyPolicy(ctx.account)
      : parseKeyPolicy(input.Policy, ctx, input.BypassPolicyLockoutSafetyCheck);
  const keyId = randomUUID();
  const key: KmsKey = {
    keyId,
    arn: `arn:aws:kms:${ctx.region}:${ctx.account}:key/${keyId}`,
    description: input.Description,
    enabled: true,
    keyPolicy: policy,
    tags,
    creationDate: ctx.clock.now(),
    keyUsage: usage,
    keySpec: spec,
  };
  model.keys.get(ctx.account, ctx.region).set(keyId, key);
  return { KeyMetadata: keyMetadata(key, ctx) };
}

export function describeKey(model: KmsModel, input: Kms.DescribeKeyRequest, ctx: RequestContext): Kms.DescribeKeyResponse {
  return { KeyMetadata: keyMetadata(requireKey(model, ctx, input.KeyId ?? ''), ctx) };
}

/** Marker-paged, in creation order (AWS's order is unspecified; a stable one keeps paging correct). */
export function listKeys(model: KmsModel, input: Kms.ListKeysRequest, ctx: RequestContext): Kms.ListKeysResponse {
  const limit = input.Limit ?? 100;
  if (limit < 1 || limit > 1000)
    throw validation(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  const all = [...model.keys.get(ctx.account, ctx.region).values()];
  const start = input.Marker ? Number(input.Marker) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidMarkerException', 'Invalid marker', 400);
  const page = all.slice(start, start + limit);
  const truncated = start + limit < all.length;
  return {
    Keys: page.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
    Truncated: truncated,
    NextMarker: truncated ? String(start + limit) : undefined,
  };
}

export function enableKey(model: KmsModel, input: Kms.EnableKeyRequest, ctx: RequestContext): void {
  requireUsableKey(model, ctx, input.KeyId ?? '', false).enabled = true;
}

export function disableKey(model: KmsModel, input: Kms.DisableKeyRequest, ctx: RequestContext): void {
  requireUsableKey(model, ctx, input.KeyId ?? '', false).enabled = false;
}

export function scheduleKeyDeletion(
  model: KmsModel,
  input: Kms.ScheduleKeyDeletionRequest,
  ctx: RequestContext,
): Kms.ScheduleKeyDeletionResponse {
  const days = input.PendingWindowInDays ?? 30;
  if (days < 7 || days > 30) {
    const bound = days < 7 ? 'greater than or equal to 7' : 'less than or equal to 30';
    throw validation(
      `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  const key = requireUsableKey(model, ctx, input.KeyId ?? '', false);
  key.deletionDate = new Date(ctx.clock.now().getTime() + days * DAY_MS);
  // A key pending deletion is unusable, including by log groups bound to it.
  key.enabled = false;
  return { KeyId: key.arn, DeletionDate: key.deletionDate, KeyState: 'PendingDeletion', PendingWindowInDays: days };
}

export function cancelKeyDeletion(
  model: KmsModel,
  input: Kms.CancelKeyDeletionRequest,
  ctx: RequestContext,
): Kms.CancelKeyDeletionResponse {
  const key = requireKey(model, ctx, input.KeyId ?? '');
  if (!key.deletionDate) throw invalidState(`${key.arn} is not pending deletion.`);
  // As in AWS, a key whose deletion is cancelled comes back Disabled.
  key.deletionDate = undefined;
  key.enabled = false;
  return { KeyId: key.arn };
}

function rotatable(model: KmsModel, ctx: RequestContext, keyId: string): KmsKey {
  const key = requireUsableKey(model, ctx, keyId, true);
  if ((key.keySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError(
      'UnsupportedOperationException',
      `${key.arn} does not support automatic key rotation: only symmetric encryption keys do.`,
      400,
    );
  }
  return key;
}

export function enableKeyRotation(model: KmsModel, input: Kms.EnableKeyRotationRequest, ctx: RequestContext): void {
  const days = input.RotationPeriodInDays ?? 365;
  if (days < 90 || days > 2560) {
    throw validation(
      `1 validation error detected: Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value ${days < 90 ? 'greater than or equal to 90' : 'less than or equal to 2560'}`,
    );
  }
  const key = rotatable(model, ctx, input.KeyId ?? '');
  key.rotationEnabled = true;
  key.rotationPeriodInDays = days;
}

export function disableKeyRotation(model: KmsModel, input: Kms.DisableKeyRotationRequest, ctx: RequestContext): void {
  rotatable(model, ctx, input.KeyId ?? '').rotationEnabled = false;
}

export function getKeyRotationStatus(
  model: KmsModel,
  input: Kms.GetKeyRotationStatusRequest,
  ctx: RequestContext,
): Kms.GetKeyRotationStatusResponse {
  const key = requireKey(model, ctx, input.KeyId ?? '');
  if (keyState(key) === 'PendingDeletion') throw invalidState(`${key.arn} is pending deletion.`);
  const enabled = key.rotationEnabled === true;
  const period = enabled ? (key.rotationPeriodInDays ?? 365) : undefined;
  return {
    KeyId: key.arn,
    KeyRotationEnabled: enabled,
    RotationPeriodInDays: period,
    NextRotationDate: period ? new Date(key.creationDate.getTime() + period * DAY_MS) : undefined,
  };
}
