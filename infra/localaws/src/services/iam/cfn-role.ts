/** AWS::IAM::Role — Ref is the role name; GetAtt Arn, RoleId. */
import { generateName, stringProp, type Props, type Provisioner } from '../cloudformation/provisioner';
import type { IamModel } from './model';

function roleId(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += chars[Math.floor(Math.random() * chars.length)];
  return id;
}

function inlinePolicies(props: Props): Map<string, unknown> {
  const list = Array.isArray(props.Policies) ? (props.Policies as Array<{ PolicyName?: unknown; PolicyDocument?: unknown }>) : [];
  return new Map(list.map((p) => [String(p.PolicyName), p.PolicyDocument]));
}

export function createIamRoleProvisioner(iam: IamModel): Provisioner {
  return {
    type: 'AWS::IAM::Role',
    createMs: 15_000,
    updateMs: 5_000,
    deleteMs: 5_000,
    create(props, ctx) {
      const name = stringProp(props, 'RoleName') ?? generateName(ctx, 64);
      const path = stringProp(props, 'Path') ?? '/';
      const arn = `arn:aws:iam::${ctx.account}:role${path}${name}`;
      const id = roleId();
      iam.rolesOf(ctx.account).set(name, {
        name,
        arn,
        roleId: id,
        assumeRolePolicy: props.AssumeRolePolicyDocument,
        inlinePolicies: inlinePolicies(props),
        managedPolicyArns: Array.isArray(props.ManagedPolicyArns) ? props.ManagedPolicyArns.map(String) : [],
      });
      return { physicalId: name, attributes: { Arn: arn, RoleId: id } };
    },
    update(name, props, _previous, ctx) {
      const role = iam.rolesOf(ctx.account).get(name);
      if (role) {
        // Policies attached by AWS::IAM::Policy resources live alongside the role's own and must survive.
        const own = inlinePolicies(props);
        for (const [policyName, doc] of own) role.inlinePolicies.set(policyName, doc);
        role.assumeRolePolicy = props.AssumeRolePolicyDocument;
        role.managedPolicyArns = Array.isArray(props.ManagedPolicyArns) ? props.ManagedPolicyArns.map(String) : [];
      }
      return { physicalId: name, attributes: { Arn: role?.arn ?? '', RoleId: role?.roleId ?? '' } };
    },
    delete(name, ctx) {
      iam.rolesOf(ctx.account).delete(name);
    },
  };
}
