/** Resource type -> provisioner. A real AWS type missing here fails its resource, not the template. */
import type { ServiceModels } from '../services/models';
import { createCdkMetadataProvisioner } from './cdk-metadata';
import { createAlarmProvisioner } from './cloudwatch-alarm';
import { createIamManagedPolicyProvisioner } from './iam-managed-policy';
import { createIamPolicyProvisioner } from './iam-policy';
import { createIamRoleProvisioner } from './iam-role';
import { createKmsAliasProvisioner } from './kms-alias';
import { createKmsKeyProvisioner } from './kms-key';
import { createLogGroupProvisioner } from './logs-log-group';
import { createMetricFilterProvisioner } from './logs-metric-filter';
import { createStateMachineProvisioner } from './sfn-state-machine';
import { createSnsTopicProvisioner } from './sns-topic';
import { ResourceHandlerError, type Provisioner } from './types';

export type ProvisionerRegistry = Map<string, Provisioner>;

export function createProvisionerRegistry(models: ServiceModels): ProvisionerRegistry {
  const all = [
    createKmsKeyProvisioner(models.kms),
    createKmsAliasProvisioner(models.kms),
    createLogGroupProvisioner(models.logs, models.kms),
    createMetricFilterProvisioner(models.logs),
    createAlarmProvisioner(models.cloudwatch),
    createIamRoleProvisioner(models.iam),
    createIamPolicyProvisioner(models.iam),
    createIamManagedPolicyProvisioner(models.iam),
    createStateMachineProvisioner(models.sfn, models.iam, models.logs),
    createSnsTopicProvisioner(models.sns),
    createCdkMetadataProvisioner(),
  ];
  return new Map(all.map((p) => [p.type, p]));
}

/** Stands in for a type localaws cannot provision: the resource fails as a handler would refuse it. */
export function unsupportedProvisioner(type: string): Provisioner {
  return {
    type,
    createMs: 1_000,
    create: () => {
      throw new ResourceHandlerError(`localaws does not provision ${type} yet`, 'InvalidRequest');
    },
    delete: () => undefined,
  };
}
