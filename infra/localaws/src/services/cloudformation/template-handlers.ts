/** GetTemplate (verbatim, as the CDK CLI diffs it) and ValidateTemplate. */
import type * as Cfn from '@aws-sdk/client-cloudformation';
import { ValidationError } from '../../errors';
import type { RequestContext } from '../types';
import { regionOf, requireStack, templateBodyOf, type CfnDeps } from './deps';
import { changeSetNotFound, templateFormatError } from './errors';
import { pseudoParameters } from './plan';
import { dependsOnList, parseTemplateBody } from './template';

export function getTemplate(deps: CfnDeps, input: Cfn.GetTemplateInput, ctx: RequestContext): Cfn.GetTemplateOutput {
  if (input.ChangeSetName) {
    const region = regionOf(deps, ctx);
    const cs = input.ChangeSetName.startsWith('arn:')
      ? region.changeSets.find((c) => c.id === input.ChangeSetName)
      : region.changeSets.find(
          (c) => c.name === input.ChangeSetName && (c.stackName === input.StackName || c.stackId === input.StackName),
        );
    if (!cs?.plan) throw changeSetNotFound(input.ChangeSetName);
    return { TemplateBody: cs.plan.templateBody, StagesAvailable: ['Original', 'Processed'] };
  }
  if (!input.StackName) throw new ValidationError('Either StackName or ChangeSetName must be specified.');
  const stack = requireStack(deps, ctx, input.StackName);
  return { TemplateBody: stack.plan.templateBody, StagesAvailable: ['Original', 'Processed'] };
}

const IAM_PREFIX = 'AWS::IAM::';

export function validateTemplate(
  deps: CfnDeps,
  input: Cfn.ValidateTemplateInput,
  ctx: RequestContext,
): Cfn.ValidateTemplateOutput {
  const template = parseTemplateBody(templateBodyOf(deps, ctx, input));
  const known = new Set([
    ...Object.keys(template.Parameters ?? {}),
    ...Object.keys(template.Resources),
    ...Object.keys(pseudoParameters(ctx.account, ctx.region, '', '')),
    'AWS::NoValue',
  ]);
  const unresolved = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    for (const dep of dependsOnList(resource)) if (!(dep in template.Resources)) unresolved.add(dep);
    JSON.stringify(resource.Properties ?? {}).replace(/"Ref":"([^"]+)"/g, (_m, name: string) => {
      if (!known.has(name)) unresolved.add(name);
      return '';
    });
  }
  if (unresolved.size > 0)
    throw templateFormatError(
      `Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`,
    );
  const iam = Object.values(template.Resources).filter((r) => r.Type.startsWith(IAM_PREFIX));
  const named = iam.some((r) =>
    ['RoleName', 'ManagedPolicyName', 'UserName', 'GroupName'].some((p) => r.Properties?.[p] !== undefined),
  );
  return {
    Description: template.Description,
    Parameters: Object.entries(template.Parameters ?? {}).map(([key, def]) => ({
      ParameterKey: key,
      DefaultValue: def.Default === undefined ? undefined : String(def.Default),
      NoEcho: def.NoEcho === true || def.NoEcho === 'true',
      Description: def.Description,
    })),
    Capabilities: iam.length === 0 ? [] : [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
    CapabilitiesReason:
      iam.length === 0
        ? undefined
        : `The following resource(s) require capabilities: [${[...new Set(iam.map((r) => r.Type))].join(', ')}]`,
    DeclaredTransforms: [],
  };
}
