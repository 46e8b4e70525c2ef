/**
 * AWS::StepFunctions::StateMachine — Ref is the ARN; GetAtt Arn, Name, StateMachineRevisionId.
 * With logging on, the role must hold the log-delivery permissions, as Step Functions checks.
 */
import { randomUUID } from 'node:crypto';
import {
  generateName,
  ResourceHandlerError,
  stringProp,
  type Props,
  type ProvisionContext,
  type Provisioner,
} from '../cloudformation/provisioner';
import type { IamModel } from '../iam/model';
import type { LogsModel } from '../logs/model';
import { checkLoggingConfiguration } from './logging-check';
import type { SfnModel } from './model';

/** The same checks CreateStateMachine runs (logging-check.ts), reported as CloudFormation's handler reports them. */
function checkLoggingPermissions(models: { iam: IamModel; logs?: LogsModel }, props: Props, ctx: ProvisionContext): void {
  const problem = checkLoggingConfiguration(models, ctx.account, stringProp(props, 'RoleArn') ?? '', props.LoggingConfiguration);
  if (problem)
    throw new ResourceHandlerError(problem.message, problem.code === 'AccessDenied' ? 'AccessDenied' : 'InvalidRequest', 'SFN');
}

/** DefinitionString or Definition, with DefinitionSubstitutions (`${Name}`) applied as CloudFormation does. */
function definitionOf(props: Props): string {
  let text = typeof props.DefinitionString === 'string' ? props.DefinitionString : JSON.stringify(props.Definition ?? {});
  const substitutions = (props.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(substitutions)) text = text.replaceAll(`\${${name}}`, String(value));
  return text;
}

/** `logs` enables the destination-exists check (the registry passes models.logs once it is wired). */
export function createStateMachineProvisioner(sfn: SfnModel, iam: IamModel, logs?: LogsModel): Provisioner {
  const save = (name: string, props: Props, ctx: ProvisionContext) => {
    checkLoggingPermissions({ iam, logs }, props, ctx);
    const arn = `arn:aws:states:${ctx.region}:${ctx.account}:stateMachine:${name}`;
    const previous = sfn.stateMachines.get(ctx.account, ctx.region).get(arn);
    const tags = (Array.isArray(props.Tags) ? props.Tags : []) as Array<{ Key?: string; Value?: string }>;
    // The same object the Step Functions API serves (and updates keep its creation date, as AWS does).
    sfn.stateMachines.get(ctx.account, ctx.region).set(arn, {
      name,
      arn,
      roleArn: stringProp(props, 'RoleArn') ?? '',
      definition: definitionOf(props),
      type: stringProp(props, 'StateMachineType') ?? 'STANDARD',
      loggingConfiguration: props.LoggingConfiguration,
      creationDate: previous?.creationDate ?? new Date(),
      ...(previous ? { updateDate: new Date() } : {}),
      revisionId: randomUUID(),
      tags: new Map(tags.map((t) => [t.Key ?? '', t.Value ?? ''])),
    });
    return { physicalId: arn, attributes: { Arn: arn, Name: name, StateMachineRevisionId: arn } };
  };
  return {
    type: 'AWS::StepFunctions::StateMachine',
    createMs: 5_000,
    create: (props, ctx) => save(stringProp(props, 'StateMachineName') ?? generateName(ctx, 80), props, ctx),
    update: (arn, props, _previous, ctx) => save(arn.split(':').pop() ?? arn, props, ctx),
    delete(arn, ctx) {
      sfn.stateMachines.get(ctx.account, ctx.region).delete(arn);
    },
  };
}
