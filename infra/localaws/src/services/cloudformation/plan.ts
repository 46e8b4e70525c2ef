/**
 * Turns a template body and parameters into a StackPlan, refusing what CloudFormation refuses
 * before any stack exists (format, unresolved dependencies, cycles, missing capabilities), and
 * diffs two plans into change-set Changes.
 */
import type { Capability, Change, Parameter } from '@aws-sdk/client-cloudformation';
import { collectReferences, evaluateCondition, type EvalScope } from './intrinsics';
import { insufficientCapabilities, templateFormatError } from './errors';
import type { StackPlan, StackResourceState } from './model';
import { resolveParameters } from './parameters';
import { dependsOnList, parseTemplateBody, type ResourceDef } from './template';

export interface PlanInput {
  templateBody: string;
  parameters?: Parameter[];
  previousParameters?: Record<string, string>;
  capabilities?: Capability[];
  account: string;
  region: string;
  stackName: string;
  stackId: string;
  importValue(name: string): string | undefined;
}

export function pseudoParameters(
  account: string,
  region: string,
  stackName: string,
  stackId: string,
): Record<string, string | string[]> {
  return {
    'AWS::AccountId': account,
    'AWS::Region': region,
    'AWS::StackName': stackName,
    'AWS::StackId': stackId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NotificationARNs': [],
  };
}

export const IAM_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::AccessKey',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::UserToGroupAddition',
];
export const IAM_NAME_PROPS = ['RoleName', 'ManagedPolicyName', 'UserName', 'GroupName', 'InstanceProfileName'];

function checkCapabilities(resources: Record<string, ResourceDef>, granted: Capability[]): void {
  const iam = Object.values(resources).filter((r) => IAM_TYPES.includes(r.Type));
  const named = iam.some((r) => IAM_NAME_PROPS.some((p) => r.Properties?.[p] !== undefined));
  if (named && !granted.includes('CAPABILITY_NAMED_IAM')) throw insufficientCapabilities(['CAPABILITY_NAMED_IAM']);
  if (iam.length > 0 && !granted.includes('CAPABILITY_IAM') && !granted.includes('CAPABILITY_NAMED_IAM'))
    throw insufficientCapabilities(['CAPABILITY_IAM']);
}

function findCycle(dependencies: Record<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return stack.slice(stack.indexOf(id));
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of dependencies[id] ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of Object.keys(dependencies)) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

export function buildPlan(input: PlanInput): StackPlan {
  const template = parseTemplateBody(input.templateBody);
  const parameters = resolveParameters(template, input.parameters, input.previousParameters);
  const values = { ...pseudoParameters(input.account, input.region, input.stackName, input.stackId), ...parameters.values };
  const scope: EvalScope = { template, values, region: input.region, resource: () => undefined, importValue: input.importValue };
  const resources: Record<string, ResourceDef> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Condition === undefined || evaluateCondition(resource.Condition, scope)) resources[logicalId] = resource;
  }
  const dependencies: Record<string, string[]> = {};
  const unresolved = new Set<string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    const deps = new Set(dependsOnList(resource));
    collectReferences(resource.Properties ?? {}, scope).forEach((name) => {
      if (!(name in values)) deps.add(name);
    });
    for (const dep of deps) if (!(dep in resources)) unresolved.add(dep);
    dependencies[logicalId] = [...deps].filter((dep) => dep in resources);
  }
  for (const output of Object.values(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !evaluateCondition(output.Condition, scope)) continue;
    collectReferences(output.Value, scope).forEach((name) => {
      if (!(name in values) && !(name in resources)) unresolved.add(name);
    });
  }
  if (unresolved.size > 0)
    throw templateFormatError(
      `Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`,
    );
  const cycle = findCycle(dependencies);
  if (cycle) throw templateFormatError(`Circular dependency between resources: [${cycle.join(', ')}]`);
  checkCapabilities(resources, input.capabilities ?? []);
  return { templateBody: input.templateBody, template, parameters, resources, dependencies };
}

function referencedParameters(resource: ResourceDef, plan: StackPlan): string[] {
  const refs = new Set<string>();
  JSON.stringify(resource.Properties ?? {}).replace(/"Ref":"([^"]+)"|\$\{([^}.!]+)\}/g, (_m, a?: string, b?: string) => {
    refs.add(a ?? b ?? '');
    return '';
  });
  return [...refs].filter((name) => name in plan.parameters.raw);
}

/** A resource changes when its definition or a parameter it uses changes; replacement when its type does. */
export function diffPlans(current: Map<string, StackResourceState>, previous: StackPlan | undefined, next: StackPlan): Change[] {
  const changes: Change[] = [];
  for (const [logicalId, resource] of Object.entries(next.resources)) {
    const existing = current.get(logicalId);
    if (!existing || existing.status === 'DELETE_COMPLETE') {
      changes.push({
        Type: 'Resource',
        ResourceChange: { Action: 'Add', LogicalResourceId: logicalId, ResourceType: resource.Type, Scope: [], Details: [] },
      });
      continue;
    }
    const definitionChanged = JSON.stringify(existing.definition) !== JSON.stringify(resource);
    const paramChanged = referencedParameters(resource, next).some((p) => previous?.parameters.raw[p] !== next.parameters.raw[p]);
    if (!definitionChanged && !paramChanged) continue;
    const oldProps = existing.definition.Properties ?? {};
    const newProps = resource.Properties ?? {};
    const changedProps = [...new Set([...Object.keys(oldProps), ...Object.keys(newProps)])].filter(
      (k) => JSON.stringify(oldProps[k]) !== JSON.stringify(newProps[k]),
    );
    changes.push({
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify',
        LogicalResourceId: logicalId,
        PhysicalResourceId: existing.physicalId,
        ResourceType: resource.Type,
        // Only a change of type is known to force replacement here; property-level rules are not modelled.
        Replacement: existing.type !== resource.Type ? 'True' : 'False',
        Scope: changedProps.length > 0 ? ['Properties'] : [],
        Details: changedProps.map((name) => ({
          Target: { Attribute: 'Properties', Name: name, RequiresRecreation: 'Never' },
          Evaluation: 'Static',
          ChangeSource: 'DirectModification',
        })),
      },
    });
  }
  for (const [logicalId, existing] of current) {
    if (!(logicalId in next.resources) && existing.status !== 'DELETE_COMPLETE') {
      changes.push({
        Type: 'Resource',
        ResourceChange: {
          Action: 'Remove',
          LogicalResourceId: logicalId,
          PhysicalResourceId: existing.physicalId,
          ResourceType: existing.type,
          Scope: [],
          Details: [],
        },
      });
    }
  }
  return changes;
}
