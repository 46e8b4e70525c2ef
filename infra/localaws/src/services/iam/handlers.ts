/** IAM over awsQuery (global: state keyed by account only): roles, inline and customer managed policies. */
import * as Iam from '@aws-sdk/client-iam';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService } from '../types';
import { createIamManagedPolicyProvisioner } from './cfn-managed-policy';
import { createIamPolicyProvisioner } from './cfn-policy';
import { createIamRoleProvisioner } from './cfn-role';
import type { IamModel } from './model';
import * as P from './policy-handlers';
import * as R from './role-handlers';

export function createIamService({ models }: ServiceContext): LocalService {
  const op = bindOperations<IamModel>(models.iam);
  const api: AwsService = {
    signingName: 'iam',
    query: { serviceNamespace: 'com.amazonaws.iam', xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
    operations: {
      CreateRole: op(Iam.CreateRole$, R.createRole),
      GetRole: op(Iam.GetRole$, R.getRole),
      ListRoles: op(Iam.ListRoles$, R.listRoles),
      DeleteRole: op(Iam.DeleteRole$, R.deleteRole),
      TagRole: op(Iam.TagRole$, R.tagRole),
      UntagRole: op(Iam.UntagRole$, R.untagRole),
      ListRoleTags: op(Iam.ListRoleTags$, R.listRoleTags),
      PutRolePolicy: op(Iam.PutRolePolicy$, P.putRolePolicy),
      GetRolePolicy: op(Iam.GetRolePolicy$, P.getRolePolicy),
      ListRolePolicies: op(Iam.ListRolePolicies$, P.listRolePolicies),
      DeleteRolePolicy: op(Iam.DeleteRolePolicy$, P.deleteRolePolicy),
      CreatePolicy: op(Iam.CreatePolicy$, P.createPolicy),
      GetPolicy: op(Iam.GetPolicy$, P.getPolicy),
      GetPolicyVersion: op(Iam.GetPolicyVersion$, P.getPolicyVersion),
      ListPolicies: op(Iam.ListPolicies$, P.listPolicies),
      DeletePolicy: op(Iam.DeletePolicy$, P.deletePolicy),
      AttachRolePolicy: op(Iam.AttachRolePolicy$, P.attachRolePolicy),
      DetachRolePolicy: op(Iam.DetachRolePolicy$, P.detachRolePolicy),
      ListAttachedRolePolicies: op(Iam.ListAttachedRolePolicies$, P.listAttachedRolePolicies),
    },
  };
  return {
    api,
    resourceTypes: [
      createIamRoleProvisioner(models.iam),
      createIamPolicyProvisioner(models.iam),
      createIamManagedPolicyProvisioner(models.iam),
    ],
  };
}
