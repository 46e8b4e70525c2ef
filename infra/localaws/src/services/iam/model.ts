/**
 * IAM roles and policies, created by CloudFormation provisioners or the IAM API. IAM is global: its region
 * key is always "global". Optional fields are filled by the IAM API; provisioners may leave them unset.
 */
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';

export interface IamRole {
  name: string;
  arn: string;
  roleId: string;
  assumeRolePolicy: unknown;
  /** inline policies by name, including those attached through AWS::IAM::Policy */
  inlinePolicies: Map<string, unknown>;
  managedPolicyArns: string[];
  path?: string;
  description?: string;
  createDate?: Date;
  /** seconds; AssumeRole refuses longer sessions (AWS's default is 3600) */
  maxSessionDuration?: number;
  tags?: Map<string, string>;
}

export interface IamManagedPolicy {
  arn: string;
  name: string;
  document: unknown;
  roles: string[];
  path?: string;
  policyId?: string;
  description?: string;
  createDate?: Date;
}

export class IamModel {
  readonly roles = new RegionalStore(() => new Map<string, IamRole>());
  readonly managedPolicies = new RegionalStore(() => new Map<string, IamManagedPolicy>());
  /** What persistence saves, as `iam.<name>`. */
  readonly stores = { roles: this.roles, managedPolicies: this.managedPolicies } satisfies StoreDeclaration;

  rolesOf(account: string): Map<string, IamRole> {
    return this.roles.get(account, 'global');
  }

  policiesOf(account: string): Map<string, IamManagedPolicy> {
    return this.managedPolicies.get(account, 'global');
  }

  /** The role an ARN names (`arn:aws:iam::ACCOUNT:role/PATH/NAME`), or undefined. */
  findRoleByArn(arn: string): IamRole | undefined {
    const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!match) return undefined;
    const role = this.rolesOf(match[1]!).get(match[2]!);
    return role && role.arn === arn ? role : undefined;
  }
}

/** Policy documents arrive as JSON text (API) or as objects (CloudFormation); both read as objects. */
export function policyObject(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document);
  } catch {
    return undefined;
  }
}
