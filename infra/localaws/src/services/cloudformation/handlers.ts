/** CloudFormation over awsQuery: one handler per operation, wired to the SDK's operation schemas. */
import * as Cfn from '@aws-sdk/client-cloudformation';
import type { ServiceModels } from '../models';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService } from '../types';
import { createCdkMetadataProvisioner } from './cfn-cdk-metadata';
import { createChangeSet, deleteChangeSet, describeChangeSet, executeChangeSet, listChangeSets } from './change-set-handlers';
import type { CfnDeps } from './deps';
import { StackEngine } from './engine';
import {
  createStack,
  deleteStack,
  describeStackEvents,
  describeStackResource,
  describeStackResources,
  describeStacks,
  listStacks,
  updateStack,
  updateTerminationProtection,
} from './stack-handlers';
import { getTemplateSummary } from './summary-handlers';
import { getTemplate, validateTemplate } from './template-handlers';

/** An alarm's state by its ARN (`arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME`), read from the shared CloudWatch model. */
function alarmStateLookup(models: ServiceModels): (arn: string) => string | undefined {
  return (arn) => {
    const match = /^arn:aws[a-z-]*:cloudwatch:([^:]+):(\d{12}):alarm:(.+)$/.exec(arn);
    if (!match) return undefined;
    const alarm = models.cloudwatch.alarms.get(match[2]!, match[1]!).get(match[3]!);
    return alarm?.arn === arn ? alarm.stateValue : undefined;
  };
}

/** Provisions with the resource types every service registers (`ctx.resourceTypes`); it knows none of them itself. */
export function createCloudFormationService({ models, clock, log, resourceTypes }: ServiceContext): LocalService {
  const model = models.cloudformation;
  const alarmState = alarmStateLookup(models);
  const deps: CfnDeps = {
    model,
    engine: new StackEngine(model, resourceTypes, clock, log, alarmState),
    s3: models.s3,
    alarmState,
  };
  const op = bindOperations<CfnDeps>(deps);
  const api: AwsService = {
    signingName: 'cloudformation',
    query: {
      serviceNamespace: 'com.amazonaws.cloudformation',
      xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
    },
    operations: {
      CreateStack: op(Cfn.CreateStack$, createStack),
      UpdateStack: op(Cfn.UpdateStack$, updateStack),
      DeleteStack: op(Cfn.DeleteStack$, deleteStack),
      DescribeStacks: op(Cfn.DescribeStacks$, describeStacks),
      ListStacks: op(Cfn.ListStacks$, listStacks),
      DescribeStackEvents: op(Cfn.DescribeStackEvents$, describeStackEvents),
      DescribeStackResources: op(Cfn.DescribeStackResources$, describeStackResources),
      DescribeStackResource: op(Cfn.DescribeStackResource$, describeStackResource),
      GetTemplate: op(Cfn.GetTemplate$, getTemplate),
      ValidateTemplate: op(Cfn.ValidateTemplate$, validateTemplate),
      CreateChangeSet: op(Cfn.CreateChangeSet$, createChangeSet),
      DescribeChangeSet: op(Cfn.DescribeChangeSet$, describeChangeSet),
      ExecuteChangeSet: op(Cfn.ExecuteChangeSet$, executeChangeSet),
      DeleteChangeSet: op(Cfn.DeleteChangeSet$, deleteChangeSet),
      ListChangeSets: op(Cfn.ListChangeSets$, listChangeSets),
      GetTemplateSummary: op(Cfn.GetTemplateSummary$, getTemplateSummary),
      UpdateTerminationProtection: op(Cfn.UpdateTerminationProtection$, updateTerminationProtection),
    },
  };
  return { api, resourceTypes: [createCdkMetadataProvisioner()] };
}
