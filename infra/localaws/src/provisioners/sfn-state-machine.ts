/**
 * AWS::StepFunctions::StateMachine — Ref is the ARN; GetAtt Arn, Name, StateMachineRevisionId.
 * With logging on, the role must hold the log-delivery permissions, as Step Functions checks.
 */
import type { IamModel } from '../services/iam/model';
import type { SfnModel } from '../services/sfn/model';
import { generateName, ResourceHandlerError, stringProp, type Props, type ProvisionContext, type Provisioner } from './types';

const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

function allowedActions(documents: unknown[]): string[] {
  const actions: string[] = [];
  for (const doc of documents) {
    const statements = (doc as { Statement?: unknown } | undefined)?.Statement;
    for (const s of (Array.isArray(statements) ? statements : [statements]) as Array<{ Effect?: unknown; Action?: unknown } | undefined>) {
      if (s?.Effect !== 'Allow') continue;
      actions.push(...(Array.isArray(s.Action) ? s.Action : [s.Action]).map(String));
    }
  }
  return actions;
}

function actionAllowed(patterns: string[], action: string): boolean {
  return patterns.some((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action));
}

function checkLoggingPermissions(iam: IamModel, props: Props, ctx: ProvisionContext): void {
  const logging = props.LoggingConfiguration as { Destinations?: unknown[]; Level?: string } | undefined;
  if (!logging || !Array.isArray(logging.Destinations) || logging.Destinations.length === 0 || logging.Level === 'OFF') return;
  if (logging.Destinations.length !== 1) {
    throw new ResourceHandlerError('Invalid Logging Configuration: Must specify exactly one Log Destination.', 'InvalidRequest', 'SFN');
  }
  const roleName = (stringProp(props, 'RoleArn') ?? '').split('/').pop() ?? '';
  const role = iam.rolesOf(ctx.account).get(roleName);
  // A role localaws did not create (another stack, another account) cannot be judged; let it pass.
  if (!role) return;
  const managed = role.managedPolicyArns.map((arn) => iam.managedPolicies.get(ctx.account, 'global').get(arn)?.document);
  const patterns = allowedActions([...role.inlinePolicies.values(), ...managed]);
  if (!LOG_DELIVERY_ACTIONS.every((action) => actionAllowed(patterns, action))) {
    throw new ResourceHandlerError('The state machine IAM Role is not authorized to access the Log Destination', 'AccessDenied', 'SFN');
  }
}

function definitionOf(props: Props): string {
  if (typeof props.DefinitionString === 'string') return props.DefinitionString;
  return JSON.stringify(props.Definition ?? {});
}

export function createStateMachineProvisioner(sfn: SfnModel, iam: IamModel): Provisioner {
  const save = (name: string, props: Props, ctx: ProvisionContext) => {
    checkLoggingPermissions(iam, props, ctx);
    const arn = `arn:aws:states:${ctx.region}:${ctx.account}:stateMachine:${name}`;
    sfn.stateMachines.get(ctx.account, ctx.region).set(arn, {
      name,
      arn,
      roleArn: stringProp(props, 'RoleArn') ?? '',
      definition: definitionOf(props),
      type: stringProp(props, 'StateMachineType') ?? 'STANDARD',
      loggingConfiguration: props.LoggingConfiguration,
      creationDate: new Date(),
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
