/** Encrypt, Decrypt and GenerateDataKey with symmetric keys (enough for round trips and envelope encryption). */
import type * as Kms from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../errors';
import type { RequestContext } from '../types';
import { blobKeyId, openBlob, sealBlob } from './crypto';
import { requireUsableKey, validation } from './errors';
import { keySecret, type KmsKey, type KmsModel } from './model';

function symmetricKey(model: KmsModel, ctx: RequestContext, keyId: string, operation: string): KmsKey {
  const key = requireUsableKey(model, ctx, keyId, true);
  if ((key.keySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT' || (key.keyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') {
    throw new AwsError(
      'InvalidKeyUsageException',
      `${key.arn} key usage is ${key.keyUsage ?? 'ENCRYPT_DECRYPT'} which is not valid for ${operation}.`,
      400,
    );
  }
  return key;
}

function checkAlgorithm(algorithm: string | undefined): void {
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT')
    throw new AwsError(
      'InvalidKeyUsageException',
      `The requested encryption algorithm ${algorithm} is not supported by a symmetric encryption key.`,
      400,
    );
}

export function encrypt(model: KmsModel, input: Kms.EncryptRequest, ctx: RequestContext): Kms.EncryptResponse {
  const plaintext = input.Plaintext ?? new Uint8Array();
  if (plaintext.length < 1 || plaintext.length > 4096) {
    throw validation(
      `1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length ${plaintext.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 4096'}`,
    );
  }
  checkAlgorithm(input.EncryptionAlgorithm);
  const key = symmetricKey(model, ctx, input.KeyId ?? '', 'Encrypt');
  return {
    CiphertextBlob: sealBlob(key.keyId, keySecret(key), plaintext, input.EncryptionContext),
    KeyId: key.arn,
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
}

export function decrypt(model: KmsModel, input: Kms.DecryptRequest, ctx: RequestContext): Kms.DecryptResponse {
  checkAlgorithm(input.EncryptionAlgorithm);
  const blob = input.CiphertextBlob ?? new Uint8Array();
  const blobKey = blobKeyId(blob);
  if (!blobKey) throw new AwsError('InvalidCiphertextException', '', 400);
  const key = symmetricKey(model, ctx, blobKey, 'Decrypt');
  if (input.KeyId) {
    const named = requireUsableKey(model, ctx, input.KeyId, false);
    if (named.keyId !== key.keyId)
      throw new AwsError(
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
        400,
      );
  }
  const plaintext = openBlob(keySecret(key), blob, input.EncryptionContext);
  // AWS says nothing more, so as not to tell an attacker whether the blob or the context was wrong.
  if (!plaintext) throw new AwsError('InvalidCiphertextException', '', 400);
  return { KeyId: key.arn, Plaintext: plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}

export function generateDataKey(
  model: KmsModel,
  input: Kms.GenerateDataKeyRequest,
  ctx: RequestContext,
): Kms.GenerateDataKeyResponse {
  if (input.KeySpec && input.NumberOfBytes !== undefined) throw validation('Please specify either number of bytes or key spec.');
  let bytes: number;
  if (input.KeySpec) bytes = input.KeySpec === 'AES_128' ? 16 : 32;
  else if (input.NumberOfBytes !== undefined) bytes = input.NumberOfBytes;
  else throw validation('Please specify either number of bytes or key spec.');
  if (bytes < 1 || bytes > 1024) {
    throw validation(
      `1 validation error detected: Value '${bytes}' at 'numberOfBytes' failed to satisfy constraint: Member must have value ${bytes < 1 ? 'greater than or equal to 1' : 'less than or equal to 1024'}`,
    );
  }
  const key = symmetricKey(model, ctx, input.KeyId ?? '', 'GenerateDataKey');
  const plaintext = randomBytes(bytes);
  return {
    CiphertextBlob: sealBlob(key.keyId, keySecret(key), plaintext, input.EncryptionContext),
    Plaintext: plaintext,
    KeyId: key.arn,
  };
}
