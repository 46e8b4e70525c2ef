/** Step Functions over awsJson1.0 (`AWSStepFunctions.<Op>`, signing name `states`), one handler per operation. */
import * as Sfn from '@aws-sdk/client-sfn';
import type { Clock } from '../../clock';
import { createServiceModels, type ServiceModels } from '../models';
import { bindOperations, type AwsService } from '../types';
import * as exec from './execution-handlers';
import { StatesMetrics } from './metrics';
import type { SfnDeps } from './service-deps';
import * as sm from './state-machine-handlers';

export interface SfnServiceOptions {
  clock: Clock;
  models?: ServiceModels;
  /** localaws's own URL (known once it listens): SDK tasks call it over HTTP. */
  endpoint: () => string;
}

export function createSfnService(opts: SfnServiceOptions): AwsService {
  const models = opts.models ?? createServiceModels();
  const deps: SfnDeps = { models, clock: opts.clock, endpoint: opts.endpoint, metrics: new StatesMetrics(models.cloudwatch) };
  const op = bindOperations<SfnDeps>(deps);
  return {
    signingName: 'states',
    json: { version: '1.0', targetPrefix: 'AWSStepFunctions' },
    operations: {
      CreateStateMachine: op(Sfn.CreateStateMachine$, sm.createStateMachine),
      DescribeStateMachine: op(Sfn.DescribeStateMachine$, sm.describeStateMachine),
      UpdateStateMachine: op(Sfn.UpdateStateMachine$, sm.updateStateMachine),
      DeleteStateMachine: op(Sfn.DeleteStateMachine$, sm.deleteStateMachine),
      ListStateMachines: op(Sfn.ListStateMachines$, sm.listStateMachines),
      TagResource: op(Sfn.TagResource$, sm.tagResource),
      UntagResource: op(Sfn.UntagResource$, sm.untagResource),
      ListTagsForResource: op(Sfn.ListTagsForResource$, sm.listTagsForResource),
      StartExecution: op(Sfn.StartExecution$, exec.startExecution),
      StartSyncExecution: op(Sfn.StartSyncExecution$, exec.startSyncExecution),
      DescribeExecution: op(Sfn.DescribeExecution$, exec.describeExecution),
      ListExecutions: op(Sfn.ListExecutions$, exec.listExecutions),
      GetExecutionHistory: op(Sfn.GetExecutionHistory$, exec.getExecutionHistory),
      StopExecution: op(Sfn.StopExecution$, exec.stopExecution),
      DescribeStateMachineForExecution: op(Sfn.DescribeStateMachineForExecution$, exec.describeStateMachineForExecution),
    },
  };
}

/** For the fault-injection feature: count a StartExecution it throttled as AWS/States ExecutionThrottled. */
export function recordThrottledStart(models: ServiceModels, account: string, region: string, stateMachineArn: string): void {
  new StatesMetrics(models.cloudwatch).recordThrottledStart(account, region, stateMachineArn);
}
