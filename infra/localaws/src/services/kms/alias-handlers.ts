/** Aliases: `alias/NAME`, never `alias/aws/…` (AWS managed keys' names). */
import type * as Kms from '@aws-sdk/client-kms';
import { AwsError } from '../../errors';
import type { RequestContext } from '../types';
import { notFound, requireKey, requireUsableKey, validation } from './errors';
import type { KmsModel } from './model';

const aliasArn = (ctx: RequestContext, name: string) => `arn:aws:kms:${ctx.region}:${ctx.account}:${name}`;

function checkAliasName(name: string): void {
  if (name.length > 256 || !/^[a-zA-Z0-9:/_-]+$/.test(name)) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$`,
    );
  }
  if (!name.startsWith('alias/')) {
    throw new AwsError(
      'InvalidAliasNameException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      400,
    );
  }
  if (name.startsWith('alias/aws/'))
    throw new AwsError(
      'InvalidAliasNameException',
      'Alias must not begin with "alias/aws/": that prefix is reserved for AWS managed keys.',
      400,
    );
}

/** The key an alias may point at: a key id or ARN (not another alias), not pending deletion. */
function targetKey(model: KmsModel, ctx: RequestContext, target: string): string {
  if (target.startsWith('alias/') || target.includes(':alias/')) throw validation(`Aliases must refer to keys. Not aliases`);
  return requireUsableKey(model, ctx, target, false).keyId;
}

export function createAlias(model: KmsModel, input: Kms.CreateAliasRequest, ctx: RequestContext): void {
  const name = input.AliasName ?? '';
  checkAliasName(name);
  const aliases = model.aliases.get(ctx.account, ctx.region);
  if (aliases.has(name))
    throw new AwsError('AlreadyExistsException', `An alias with the name ${aliasArn(ctx, name)} already exists`, 400);
  aliases.set(name, targetKey(model, ctx, input.TargetKeyId ?? ''));
}

export function updateAlias(model: KmsModel, input: Kms.UpdateAliasRequest, ctx: RequestContext): void {
  const name = input.AliasName ?? '';
  checkAliasName(name);
  const aliases = model.aliases.get(ctx.account, ctx.region);
  if (!aliases.has(name)) throw notFound(`Alias ${aliasArn(ctx, name)} is not found.`);
  aliases.set(name, targetKey(model, ctx, input.TargetKeyId ?? ''));
}

export function deleteAlias(model: KmsModel, input: Kms.DeleteAliasRequest, ctx: RequestContext): void {
  const name = input.AliasName ?? '';
  checkAliasName(name);
  if (!model.aliases.get(ctx.account, ctx.region).delete(name)) throw notFound(`Alias ${aliasArn(ctx, name)} is not found.`);
}

export function listAliases(model: KmsModel, input: Kms.ListAliasesRequest, ctx: RequestContext): Kms.ListAliasesResponse {
  const filterKey = input.KeyId ? requireKey(model, ctx, input.KeyId).keyId : undefined;
  const limit = input.Limit ?? 100;
  const all = [...model.aliases.get(ctx.account, ctx.region)].filter(([, keyId]) => !filterKey || keyId === filterKey);
  const start = input.Marker ? Number(input.Marker) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidMarkerException', 'Invalid marker', 400);
  const page = all.slice(start, start + limit);
  const truncated = start + limit < all.length;
  return {
    Aliases: page.map(([name, keyId]) => ({ AliasName: name, AliasArn: aliasArn(ctx, name), TargetKeyId: keyId })),
    Truncated: truncated,
    NextMarker: truncated ? String(start + limit) : undefined,
  };
}
