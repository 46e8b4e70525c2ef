/** IAM roles and policies provisioned so far. IAM is global: its region key is always "global". */
import { RegionalStore } from '../../state/regional-store';

export interface IamRole {
  name: string;
  arn: string;
  roleId: string;
  assumeRolePolicy: unknown;
  /** inline policies by name, including those attached through AWS::IAM::Policy */
  inlinePolicies: Map<string, unknown>;
  managedPolicyArns: string[];
}

export interface IamManagedPolicy {
  arn: string;
  name: string;
  document: unknown;
  roles: string[];
}

export class IamModel {
  readonly roles = new RegionalStore(() => new Map<string, IamRole>());
  readonly managedPolicies = new RegionalStore(() => new Map<string, IamManagedPolicy>());

  rolesOf(account: string): Map<string, IamRole> {
    return this.roles.get(account, 'global');
  }
}
