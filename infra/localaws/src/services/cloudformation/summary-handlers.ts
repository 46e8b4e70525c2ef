/**
 * GetTemplateSummary: what a template declares (parameters, resource types, capabilities, transforms), from a
 * body, a TemplateURL or a stack's current template, refused with the same template errors as CreateStack.
 */
import type * as Cfn from '@aws-sdk/client-cloudformation';
import { ValidationError } from '../../errors';
import type { RequestContext } from '../types';
import { requireStack, templateBodyOf, type CfnDeps } from './deps';
import { IAM_NAME_PROPS, IAM_TYPES } from './plan';
import { parseTemplateBody, type Template } from './template';

/**
 * Primary identifiers of the importable types localaws knows (from their CloudFormation registry schemas);
 * other types are left out of ResourceIdentifierSummaries.
 */
const PRIMARY_IDENTIFIERS: Record<string, string[]> = {
  'AWS::KMS::Key': ['KeyId'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::Logs::MetricFilter': ['LogGroupName', 'FilterName'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::IAM::ManagedPolicy': ['PolicyArn'],
  'AWS::StepFunctions::StateMachine': ['Arn'],
  'AWS::SNS::Topic': ['TopicArn'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::DynamoDB::Table': ['TableName'],
};

function capabilities(template: Template): Pick<Cfn.GetTemplateSummaryOutput, 'Capabilities' | 'CapabilitiesReason'> {
  const iam = Object.values(template.Resources).filter((r) => IAM_TYPES.includes(r.Type));
  if (iam.length === 0) return { Capabilities: [] };
  // The same rule CreateStack enforces: a named IAM resource needs CAPABILITY_NAMED_IAM.
  const named = iam.some((r) => IAM_NAME_PROPS.some((p) => r.Properties?.[p] !== undefined));
  return {
    Capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
    CapabilitiesReason: `The following resource(s) require capabilities: [${[...new Set(iam.map((r) => r.Type))].join(', ')}]`,
  };
}

function declaredTransforms(template: Template): string[] {
  const transform = (template as { Transform?: unknown }).Transform;
  if (transform === undefined) return [];
  return (Array.isArray(transform) ? transform : [transform]).map((t) =>
    typeof t === 'string' ? t : String((t as { Name?: unknown }).Name ?? ''),
  );
}

export function summarizeTemplate(template: Template): Cfn.GetTemplateSummaryOutput {
  const byType = new Map<string, string[]>();
  for (const [logicalId, resource] of Object.entries(template.Resources))
    byType.set(resource.Type, [...(byType.get(resource.Type) ?? []), logicalId]);
  const metadata = (template as { Metadata?: unknown }).Metadata;
  return {
    Parameters: Object.entries(template.Parameters ?? {}).map(([key, def]) => ({
      ParameterKey: key,
      DefaultValue:
        def.Default === undefined ? undefined : Array.isArray(def.Default) ? def.Default.join(',') : String(def.Default),
      ParameterType: def.Type,
      NoEcho: def.NoEcho === true || def.NoEcho === 'true',
      Description: def.Description,
      ParameterConstraints: def.AllowedValues ? { AllowedValues: def.AllowedValues.map(String) } : {},
    })),
    Description: template.Description,
    ...capabilities(template),
    ResourceTypes: [...byType.keys()],
    Version: template.AWSTemplateFormatVersion,
    Metadata: metadata === undefined ? undefined : JSON.stringify(metadata),
    DeclaredTransforms: declaredTransforms(template),
    ResourceIdentifierSummaries: [...byType]
      .filter(([type]) => PRIMARY_IDENTIFIERS[type])
      .map(([type, ids]) => ({ ResourceType: type, LogicalResourceIds: ids, ResourceIdentifiers: PRIMARY_IDENTIFIERS[type] })),
  };
}

export function getTemplateSummary(
  deps: CfnDeps,
  input: Cfn.GetTemplateSummaryInput,
  ctx: RequestContext,
): Cfn.GetTemplateSummaryOutput {
  if (input.StackSetName !== undefined) throw new ValidationError('localaws does not support stack sets');
  const given = [input.TemplateBody, input.TemplateURL, input.StackName].filter((v) => v !== undefined).length;
  if (given !== 1)
    throw new ValidationError('Exactly one of TemplateBody, TemplateUrl, StackName or StackSetName must be specified.');
  const body =
    input.StackName !== undefined ? requireStack(deps, ctx, input.StackName).plan.templateBody : templateBodyOf(deps, ctx, input);
  return summarizeTemplate(parseTemplateBody(body));
}
