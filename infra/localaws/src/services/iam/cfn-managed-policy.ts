/** AWS::IAM::ManagedPolicy — Ref is the policy ARN; GetAtt PolicyArn, PolicyId. */
import { generateName, stringProp, type Props, type ProvisionContext, type Provisioner } from '../cloudformation/provisioner';
import type { IamModel } from './model';

export function createIamManagedPolicyProvisioner(iam: IamModel): Provisioner {
  const save = (arn: string, name: string, props: Props, ctx: ProvisionContext) => {
    const roles = Array.isArray(props.Roles) ? props.Roles.map(String) : [];
    iam.managedPolicies.get(ctx.account, 'global').set(arn, { arn, name, document: props.PolicyDocument, roles });
    for (const roleName of roles) {
      const role = iam.rolesOf(ctx.account).get(roleName);
      if (role && !role.managedPolicyArns.includes(arn)) role.managedPolicyArns.push(arn);
    }
    return { physicalId: arn, attributes: { PolicyArn: arn, PolicyId: `ANPA${name.slice(-17).toUpperCase()}` } };
  };
  return {
    type: 'AWS::IAM::ManagedPolicy',
    createMs: 10_000,
    create(props, ctx) {
      const name = stringProp(props, 'ManagedPolicyName') ?? generateName(ctx, 128);
      const path = stringProp(props, 'Path') ?? '/';
      return save(`arn:aws:iam::${ctx.account}:policy${path}${name}`, name, props, ctx);
    },
    update: (arn, props, _previous, ctx) => save(arn, arn.split('/').pop() ?? arn, props, ctx),
    delete(arn, ctx) {
      iam.managedPolicies.get(ctx.account, 'global').delete(arn);
      for (const role of iam.rolesOf(ctx.account).values())
        role.managedPolicyArns = role.managedPolicyArns.filter((a) => a !== arn);
    },
  };
}
