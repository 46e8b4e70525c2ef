/** Every emulated service's state for one localaws instance; provisioners and (later) APIs share it. */
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

export function createServiceModels(): ServiceModels {
  return { kms: new KmsModel(), logs: new LogsModel(), cloudwatch: new CloudWatchModel(), iam: new IamModel(), sfn: new SfnModel(), sns: new SnsModel(), sts: new StsModel(), dynamodb: new DynamoDbModel(), s3: new S3Model(), ssm: new SsmModel() };
}
