/** IAM roles: CreateRole, GetRole, ListRoles, DeleteRole, TagRole, UntagRole, ListRoleTags. */
import type * as Iam from '@aws-sdk/client-iam';
import { ValidationError } from '../../errors';
import { awsId } from '../sts/model';
import type { RequestContext } from '../types';
import { DeleteConflictError, EntityAlreadyExistsError, MalformedPolicyDocumentError, noSuchRole } from './errors';
import { policyObject, type IamModel, type IamRole } from './model';

/** IAM returns policy documents URL-encoded, whether they were created as text or by CloudFormation. */
export function encodeDocument(document: unknown): string {
  return encodeURIComponent(typeof document === 'string' ? document : JSON.stringify(document ?? {}));
}

export function parseDocument(text: string | undefined): unknown {
  const document = policyObject(text ?? '');
  if (!document || typeof document !== 'object') throw new MalformedPolicyDocumentError();
  return document;
}

export function roleOf(iam: IamModel, name: string | undefined, ctx: RequestContext): IamRole {
  const role = iam.rolesOf(ctx.account).get(name ?? '');
  if (!role) throw noSuchRole(name ?? '');
  return role;
}

export function describeRole(role: IamRole): Iam.Role {
  return {
    Path: role.path ?? /:role(\/.*\/)[^/]+$/.exec(role.arn)?.[1] ?? '/',
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate ?? new Date(0),
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration ?? 3600,
    Tags: role.tags && role.tags.size > 0 ? [...role.tags].map(([Key, Value]) => ({ Key, Value })) : undefined,
  };
}

export function createRole(iam: IamModel, input: Iam.CreateRoleRequest, ctx: RequestContext): Iam.CreateRoleResponse {
  const name = input.RoleName ?? '';
  if (!/^[\w+=,.@-]{1,64}$/.test(name))
    throw new ValidationError(
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  const roles = iam.rolesOf(ctx.account);
  if (roles.has(name)) throw new EntityAlreadyExistsError(`Role with name ${name} already exists.`);
  const path = input.Path ?? '/';
  const duration = input.MaxSessionDuration ?? 3600;
  if (duration < 3600 || duration > 43200)
    throw new ValidationError(
      `1 validation error detected: Value '${duration}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600 and less than or equal to 43200`,
    );
  const role: IamRole = {
    name,
    arn: `arn:aws:iam::${ctx.account}:role${path}${name}`,
    roleId: awsId('AROA', 17),
    assumeRolePolicy: parseDocument(input.AssumeRolePolicyDocument),
    inlinePolicies: new Map(),
    managedPolicyArns: [],
    path,
    description: input.Description,
    createDate: ctx.clock.now(),
    maxSessionDuration: duration,
    tags: new Map((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
  roles.set(name, role);
  return { Role: describeRole(role) };
}

export function getRole(iam: IamModel, input: Iam.GetRoleRequest, ctx: RequestContext): Iam.GetRoleResponse {
  return { Role: describeRole(roleOf(iam, input.RoleName, ctx)) };
}

export function listRoles(iam: IamModel, input: Iam.ListRolesRequest, ctx: RequestContext): Iam.ListRolesResponse {
  const prefix = input.PathPrefix ?? '/';
  const roles = [...iam.rolesOf(ctx.account).values()].map(describeRole).filter((r) => (r.Path ?? '/').startsWith(prefix));
  roles.sort((a, b) => (a.RoleName ?? '').localeCompare(b.RoleName ?? ''));
  const start = input.Marker ? Number(input.Marker) : 0;
  const max = input.MaxItems ?? 100;
  const page = roles.slice(start, start + max);
  // ListRoles does not return tags (GetRole and ListRoleTags do).
  return {
    Roles: page.map((role) => ({ ...role, Tags: undefined })),
    IsTruncated: start + max < roles.length,
    Marker: start + max < roles.length ? String(start + max) : undefined,
  };
}

export function deleteRole(iam: IamModel, input: Iam.DeleteRoleRequest, ctx: RequestContext): void {
  const role = roleOf(iam, input.RoleName, ctx);
  if (role.inlinePolicies.size > 0) throw new DeleteConflictError('Cannot delete entity, must delete policies first.');
  if (role.managedPolicyArns.length > 0) throw new DeleteConflictError('Cannot delete entity, must detach all policies first.');
  iam.rolesOf(ctx.account).delete(role.name);
}

export function tagRole(iam: IamModel, input: Iam.TagRoleRequest, ctx: RequestContext): void {
  const role = roleOf(iam, input.RoleName, ctx);
  role.tags ??= new Map();
  for (const tag of input.Tags ?? []) role.tags.set(tag.Key ?? '', tag.Value ?? '');
}

export function untagRole(iam: IamModel, input: Iam.UntagRoleRequest, ctx: RequestContext): void {
  const role = roleOf(iam, input.RoleName, ctx);
  for (const key of input.TagKeys ?? []) role.tags?.delete(key);
}

export function listRoleTags(iam: IamModel, input: Iam.ListRoleTagsRequest, ctx: RequestContext): Iam.ListRoleTagsResponse {
  const role = roleOf(iam, input.RoleName, ctx);
  return { Tags: [...(role.tags ?? new Map<string, string>())].map(([Key, Value]) => ({ Key, Value })), IsTruncated: false };
}
