/**
 * Every emulated service's state for one localaws instance, created here and nowhere else: handlers,
 * CloudFormation's provisioners and persistence share these objects. Each model declares its stores
 * (`stores`) and how it settles after a restart (`settle`); `declaredStores` lists them for persistence.
 */
import { createClock, type Clock } from '../clock';
import type { RegionalStore, StatefulModel } from '../state/regional-store';
import { CloudFormationModel } from './cloudformation/model';
import { CloudWatchModel } from './cloudwatch/model';
import { DynamoDbModel } from './dynamodb/model';
import { IamModel } from './iam/model';
import { KmsModel } from './kms/model';
import { LogsModel } from './logs/model';
import { S3Model } from './s3/model';
import { SfnModel } from './sfn/model';
import { SnsModel } from './sns/model';
import { SsmModel } from './ssm/model';
import { StsModel } from './sts/model';

export interface ServiceModels {
  cloudformation: CloudFormationModel;
  kms: KmsModel;
  logs: LogsModel;
  cloudwatch: CloudWatchModel;
  iam: IamModel;
  sfn: SfnModel;
  sns: SnsModel;
  sts: StsModel;
  dynamodb: DynamoDbModel;
  s3: S3Model;
  ssm: SsmModel;
}

/** `clock` stamps CloudFormation's events; the engines that sleep on it get the same one from index.ts. */
export function createServiceModels(clock: Clock = createClock()): ServiceModels {
  return {
    cloudformation: new CloudFormationModel(clock),
    kms: new KmsModel(),
    logs: new LogsModel(),
    cloudwatch: new CloudWatchModel(),
    iam: new IamModel(),
    sfn: new SfnModel(),
    sns: new SnsModel(),
    sts: new StsModel(),
    dynamodb: new DynamoDbModel(),
    s3: new S3Model(),
    ssm: new SsmModel(),
  };
}

/** One declared store: `kms.keys`, the store, and the model that settles its partitions after a restart. */
export interface DeclaredStore {
  name: string;
  store: RegionalStore<unknown>;
  settle?: (partition: unknown, now: Date) => number;
}

/** Every store the models declare, named `<service>.<store>`; the names are the file names on disk, so keep them. */
export function declaredStores(models: ServiceModels): DeclaredStore[] {
  const services: Record<keyof ServiceModels, StatefulModel> = models;
  return Object.entries(services).flatMap(([service, model]) =>
    Object.entries(model.stores).map(([store, regional]) => ({
      name: `${service}.${store}`,
      store: regional as RegionalStore<unknown>,
      settle: model.settle ? (partition: unknown, now: Date) => model.settle!(store, partition, now) : undefined,
    })),
  );
}
