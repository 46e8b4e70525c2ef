/**
 * Encrypt/Decrypt with real AES-256-GCM under each key's own secret. The ciphertext blob is
 * `LKMS1 | key id (36 bytes) | iv (12) | tag (16) | ciphertext`, so Decrypt finds the key from the blob
 * as KMS does for symmetric keys; the encryption context is the additional authenticated data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('LKMS1');
const ID_BYTES = 36;

function contextAad(context: Record<string, string> | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(entries));
}

export function sealBlob(keyId: string, secret: Buffer, plaintext: Uint8Array, context?: Record<string, string>): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  cipher.setAAD(contextAad(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from(keyId.padEnd(ID_BYTES).slice(0, ID_BYTES)), iv, cipher.getAuthTag(), body]);
}

/** The key id a blob names, or undefined when it is not a localaws ciphertext. */
export function blobKeyId(blob: Uint8Array): string | undefined {
  const buffer = Buffer.from(blob);
  if (buffer.length < MAGIC.length + ID_BYTES + 28 || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  return buffer
    .subarray(MAGIC.length, MAGIC.length + ID_BYTES)
    .toString()
    .trim();
}

/** The plaintext, or undefined when the blob was tampered with or the context differs. */
export function openBlob(secret: Buffer, blob: Uint8Array, context?: Record<string, string>): Uint8Array | undefined {
  const buffer = Buffer.from(blob);
  const start = MAGIC.length + ID_BYTES;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, buffer.subarray(start, start + 12));
    decipher.setAAD(contextAad(context));
    decipher.setAuthTag(buffer.subarray(start + 12, start + 28));
    return Buffer.concat([decipher.update(buffer.subarray(start + 28)), decipher.final()]);
  } catch {
    return undefined;
  }
}
