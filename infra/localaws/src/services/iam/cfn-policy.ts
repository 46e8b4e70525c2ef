/** AWS::IAM::Policy — an inline policy put on roles; Ref is a generated id. */
import {
  generateName,
  ResourceHandlerError,
  stringProp,
  type Props,
  type ProvisionContext,
  type Provisioner,
} from '../cloudformation/provisioner';
import type { IamModel } from './model';

interface Attached {
  policyName: string;
  roles: string[];
}

export function createIamPolicyProvisioner(iam: IamModel): Provisioner {
  const attached = new Map<string, Attached>();
  const attach = (id: string, props: Props, ctx: ProvisionContext) => {
    const policyName = stringProp(props, 'PolicyName') ?? '';
    const roleNames = Array.isArray(props.Roles) ? props.Roles.map(String) : [];
    const roles = iam.rolesOf(ctx.account);
    for (const roleName of roleNames) {
      const role = roles.get(roleName);
      if (!role) throw new ResourceHandlerError(`The role with name ${roleName} cannot be found.`, 'NotFound', 'Iam', 404);
      role.inlinePolicies.set(policyName, props.PolicyDocument);
    }
    attached.set(id, { policyName, roles: roleNames });
    return { physicalId: id, attributes: { Id: id } };
  };
  const detach = (id: string, ctx: ProvisionContext) => {
    const previous = attached.get(id);
    if (!previous) return;
    for (const roleName of previous.roles) iam.rolesOf(ctx.account).get(roleName)?.inlinePolicies.delete(previous.policyName);
    attached.delete(id);
  };
  return {
    type: 'AWS::IAM::Policy',
    createMs: 10_000,
    create: (props, ctx) => attach(generateName({ ...ctx, stackName: ctx.stackName.slice(0, 5) }, 64), props, ctx),
    update(id, props, _previous, ctx) {
      detach(id, ctx);
      return attach(id, props, ctx);
    },
    delete: detach,
  };
}
