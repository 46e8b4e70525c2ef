/** Key policies and tags. */
import type * as Kms from '@aws-sdk/client-kms';
import { AwsError } from '../../errors';
import { policyAllows } from '../iam/policy-evaluation';
import type { RequestContext } from '../types';
import { requireKey, requireUsableKey, validation } from './errors';
import { defaultKeyPolicy, type KmsModel } from './model';
import { fromApiTags, validateKmsTags } from './tags';

const malformed = (message: string) => new AwsError('MalformedPolicyDocumentException', message, 400);

/** Does the policy let the account (the caller, here always root-like) change the policy again? */
function allowsPolicyUpdates(policy: Record<string, unknown>, account: string): boolean {
  const principal = { account, arn: `arn:aws:iam::${account}:root` };
  return policyAllows(policy, { action: 'kms:PutKeyPolicy', principal, unknownConditionKeys: 'satisfied' });
}

/**
 * Parses a policy document as CreateKey/PutKeyPolicy receive it. Without BypassPolicyLockoutSafetyCheck, KMS
 * refuses a policy that would lock the caller out of the key.
 */
export function parseKeyPolicy(text: string, ctx: RequestContext, bypassLockoutCheck = false): Record<string, unknown> {
  if (text.length > 32768)
    throw validation(
      `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 32768`,
    );
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw malformed('The key policy is not a valid JSON document.');
  }
  if (!policy || typeof policy !== 'object' || Array.isArray(policy) || !('Statement' in policy))
    throw malformed('The key policy has no Statement.');
  const doc = policy as Record<string, unknown>;
  if (!bypassLockoutCheck && !allowsPolicyUpdates(doc, ctx.account))
    throw malformed('The new key policy will not allow you to update the key policy in the future.');
  return doc;
}

function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== 'default') throw new AwsError('NotFoundException', 'No such policy exists', 400);
}

export function getKeyPolicy(model: KmsModel, input: Kms.GetKeyPolicyRequest, ctx: RequestContext): Kms.GetKeyPolicyResponse {
  const key = requireKey(model, ctx, input.KeyId ?? '');
  checkPolicyName(input.PolicyName);
  const policy = key.keyPolicy ?? defaultKeyPolicy(ctx.account);
  return { Policy: typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2), PolicyName: 'default' };
}

export function putKeyPolicy(model: KmsModel, input: Kms.PutKeyPolicyRequest, ctx: RequestContext): void {
  const key = requireUsableKey(model, ctx, input.KeyId ?? '', false);
  checkPolicyName(input.PolicyName);
  key.keyPolicy = parseKeyPolicy(input.Policy ?? '', ctx, input.BypassPolicyLockoutSafetyCheck);
}

export function listKeyPolicies(
  model: KmsModel,
  input: Kms.ListKeyPoliciesRequest,
  ctx: RequestContext,
): Kms.ListKeyPoliciesResponse {
  requireKey(model, ctx, input.KeyId ?? '');
  return { PolicyNames: ['default'], Truncated: false };
}

export function tagResource(model: KmsModel, input: Kms.TagResourceRequest, ctx: RequestContext): void {
  const key = requireUsableKey(model, ctx, input.KeyId ?? '', false);
  const tags = fromApiTags(input.Tags);
  const incoming = new Set(tags.map((t) => t.Key));
  validateKmsTags(
    tags,
    key.tags.map((t) => t.Key),
  );
  // A tag key already on the key gets the new value.
  key.tags = [...key.tags.filter((t) => !incoming.has(t.Key)), ...tags];
}

export function untagResource(model: KmsModel, input: Kms.UntagResourceRequest, ctx: RequestContext): void {
  const key = requireUsableKey(model, ctx, input.KeyId ?? '', false);
  const remove = new Set(input.TagKeys ?? []);
  key.tags = key.tags.filter((t) => !remove.has(t.Key));
}

export function listResourceTags(
  model: KmsModel,
  input: Kms.ListResourceTagsRequest,
  ctx: RequestContext,
): Kms.ListResourceTagsResponse {
  const key = requireKey(model, ctx, input.KeyId ?? '');
  return { Tags: key.tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })), Truncated: false };
}
