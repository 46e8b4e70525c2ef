/** Every emulated service's state for one localaws instance; provisioners and (later) APIs share it. */
import { CloudWatchModel } from './cloudwatch/model';
import { IamModel } from './iam/model';
import { KmsModel } from './kms/model';
import { LogsModel } from './logs/model';
import { SfnModel } from './sfn/model';
import { SnsModel } from './sns/model';

export interface ServiceModels {
  kms: KmsModel;
  logs: LogsModel;
  cloudwatch: CloudWatchModel;
  iam: IamModel;
  sfn: SfnModel;
  sns: SnsModel;
}

export function createServiceModels(): ServiceModels {
  return { kms: new KmsModel(), logs: new LogsModel(), cloudwatch: new CloudWatchModel(), iam: new IamModel(), sfn: new SfnModel(), sns: new SnsModel() };
}
