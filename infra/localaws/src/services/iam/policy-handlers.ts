/** Inline role policies and customer managed policies (one version, v1), attached to roles. */
import type * as Iam from '@aws-sdk/client-iam';
import { awsId } from '../sts/model';
import type { RequestContext } from '../types';
import { DeleteConflictError, EntityAlreadyExistsError, NoSuchEntityError } from './errors';
import type { IamManagedPolicy, IamModel } from './model';
import { encodeDocument, parseDocument, roleOf } from './role-handlers';

export function putRolePolicy(iam: IamModel, input: Iam.PutRolePolicyRequest, ctx: RequestContext): void {
  roleOf(iam, input.RoleName, ctx).inlinePolicies.set(input.PolicyName ?? '', parseDocument(input.PolicyDocument));
}

export function getRolePolicy(iam: IamModel, input: Iam.GetRolePolicyRequest, ctx: RequestContext): Iam.GetRolePolicyResponse {
  const role = roleOf(iam, input.RoleName, ctx);
  if (!role.inlinePolicies.has(input.PolicyName ?? ''))
    throw new NoSuchEntityError(`The role policy with name ${input.PolicyName} cannot be found.`);
  return {
    RoleName: role.name,
    PolicyName: input.PolicyName,
    PolicyDocument: encodeDocument(role.inlinePolicies.get(input.PolicyName ?? '')),
  };
}

export function listRolePolicies(
  iam: IamModel,
  input: Iam.ListRolePoliciesRequest,
  ctx: RequestContext,
): Iam.ListRolePoliciesResponse {
  return { PolicyNames: [...roleOf(iam, input.RoleName, ctx).inlinePolicies.keys()].sort(), IsTruncated: false };
}

export function deleteRolePolicy(iam: IamModel, input: Iam.DeleteRolePolicyRequest, ctx: RequestContext): void {
  const role = roleOf(iam, input.RoleName, ctx);
  if (!role.inlinePolicies.delete(input.PolicyName ?? ''))
    throw new NoSuchEntityError(`The role policy with name ${input.PolicyName} cannot be found.`);
}

function describePolicy(policy: IamManagedPolicy): Iam.Policy {
  return {
    PolicyName: policy.name,
    PolicyId: policy.policyId ?? `ANPA${policy.name.slice(-17).toUpperCase()}`,
    Arn: policy.arn,
    Path: policy.path ?? '/',
    DefaultVersionId: 'v1',
    AttachmentCount: policy.roles.length,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: policy.createDate ?? new Date(0),
    UpdateDate: policy.createDate ?? new Date(0),
  };
}

function policyOf(iam: IamModel, arn: string | undefined, ctx: RequestContext): IamManagedPolicy {
  const policy = iam.policiesOf(ctx.account).get(arn ?? '');
  if (!policy) throw new NoSuchEntityError(`Policy ${arn} was not found.`);
  return policy;
}

export function createPolicy(iam: IamModel, input: Iam.CreatePolicyRequest, ctx: RequestContext): Iam.CreatePolicyResponse {
  const path = input.Path ?? '/';
  const arn = `arn:aws:iam::${ctx.account}:policy${path}${input.PolicyName}`;
  const policies = iam.policiesOf(ctx.account);
  if (policies.has(arn))
    throw new EntityAlreadyExistsError(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
  const policy: IamManagedPolicy = {
    arn,
    name: input.PolicyName ?? '',
    document: parseDocument(input.PolicyDocument),
    roles: [],
    path,
    policyId: awsId('ANPA', 17),
    description: input.Description,
    createDate: ctx.clock.now(),
  };
  policies.set(arn, policy);
  return { Policy: describePolicy(policy) };
}

export function getPolicy(iam: IamModel, input: Iam.GetPolicyRequest, ctx: RequestContext): Iam.GetPolicyResponse {
  return { Policy: describePolicy(policyOf(iam, input.PolicyArn, ctx)) };
}

export function getPolicyVersion(
  iam: IamModel,
  input: Iam.GetPolicyVersionRequest,
  ctx: RequestContext,
): Iam.GetPolicyVersionResponse {
  const policy = policyOf(iam, input.PolicyArn, ctx);
  if (input.VersionId !== 'v1')
    throw new NoSuchEntityError(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  return {
    PolicyVersion: {
      Document: encodeDocument(policy.document),
      VersionId: 'v1',
      IsDefaultVersion: true,
      CreateDate: policy.createDate ?? new Date(0),
    },
  };
}

export function listPolicies(iam: IamModel, input: Iam.ListPoliciesRequest, ctx: RequestContext): Iam.ListPoliciesResponse {
  // Only customer managed policies exist here; Scope=AWS lists none, All and Local list the account's.
  const policies = input.Scope === 'AWS' ? [] : [...iam.policiesOf(ctx.account).values()];
  const listed = policies.filter((p) => !input.OnlyAttached || p.roles.length > 0).map(describePolicy);
  return { Policies: listed.sort((a, b) => (a.PolicyName ?? '').localeCompare(b.PolicyName ?? '')), IsTruncated: false };
}

export function deletePolicy(iam: IamModel, input: Iam.DeletePolicyRequest, ctx: RequestContext): void {
  const policy = policyOf(iam, input.PolicyArn, ctx);
  if (policy.roles.length > 0) throw new DeleteConflictError('Cannot delete a policy attached to entities.');
  iam.policiesOf(ctx.account).delete(policy.arn);
}

export function attachRolePolicy(iam: IamModel, input: Iam.AttachRolePolicyRequest, ctx: RequestContext): void {
  const role = roleOf(iam, input.RoleName, ctx);
  const arn = input.PolicyArn ?? '';
  // AWS managed policies are not modelled; any arn:aws:iam::aws:policy/… is accepted as attachable.
  const policy = iam.policiesOf(ctx.account).get(arn);
  if (!policy && !arn.startsWith('arn:aws:iam::aws:policy/'))
    throw new NoSuchEntityError(`Policy ${arn} does not exist or is not attachable.`);
  if (!role.managedPolicyArns.includes(arn)) role.managedPolicyArns.push(arn);
  if (policy && !policy.roles.includes(role.name)) policy.roles.push(role.name);
}

export function detachRolePolicy(iam: IamModel, input: Iam.DetachRolePolicyRequest, ctx: RequestContext): void {
  const role = roleOf(iam, input.RoleName, ctx);
  const arn = input.PolicyArn ?? '';
  if (!role.managedPolicyArns.includes(arn)) throw new NoSuchEntityError(`Policy ${arn} was not found.`);
  role.managedPolicyArns = role.managedPolicyArns.filter((a) => a !== arn);
  const policy = iam.policiesOf(ctx.account).get(arn);
  if (policy) policy.roles = policy.roles.filter((r) => r !== role.name);
}

export function listAttachedRolePolicies(
  iam: IamModel,
  input: Iam.ListAttachedRolePoliciesRequest,
  ctx: RequestContext,
): Iam.ListAttachedRolePoliciesResponse {
  const role = roleOf(iam, input.RoleName, ctx);
  return {
    AttachedPolicies: role.managedPolicyArns.map((arn) => ({ PolicyArn: arn, PolicyName: arn.split('/').pop() })),
    IsTruncated: false,
  };
}
