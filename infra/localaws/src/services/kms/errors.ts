/** KMS errors with AWS's texts, and the lookups that raise them. */
import { AwsError } from '../../errors';
import type { RequestContext } from '../types';
import { keyState, type KmsKey, type KmsModel } from './model';

export const notFound = (message: string) => new AwsError('NotFoundException', message, 400);
export const validation = (message: string) => new AwsError('ValidationException', message, 400);
export const invalidState = (message: string) => new AwsError('KMSInvalidStateException', message, 400);

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A key by id, key ARN, alias name or alias ARN, answering NotFoundException as KMS does for each form. */
export function requireKey(model: KmsModel, ctx: RequestContext, keyId: string): KmsKey {
  const key = model.findKey(ctx.account, ctx.region, keyId);
  if (key) return key;
  if (keyId.startsWith('alias/') || keyId.includes(':alias/')) {
    const arn = keyId.startsWith('arn:') ? keyId : `arn:aws:kms:${ctx.region}:${ctx.account}:${keyId}`;
    throw notFound(`Alias ${arn} is not found.`);
  }
  const id = keyId.includes(':key/') ? keyId.split(':key/')[1]! : keyId;
  if (!KEY_ID.test(id)) throw notFound(`Invalid keyId '${keyId}'`);
  throw notFound(`Key 'arn:aws:kms:${ctx.region}:${ctx.account}:key/${id}' does not exist`);
}

/** A key that may be used or changed: not pending deletion (and, for cryptography, enabled). */
export function requireUsableKey(model: KmsModel, ctx: RequestContext, keyId: string, needEnabled: boolean): KmsKey {
  const key = requireKey(model, ctx, keyId);
  const state = keyState(key);
  if (state === 'PendingDeletion') throw invalidState(`${key.arn} is pending deletion.`);
  if (needEnabled && state === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`, 400);
  return key;
}
