/** Step Functions over awsJson1.0 (`AWSStepFunctions.<Op>`, signing name `states`), one handler per operation. */
import * as Sfn from '@aws-sdk/client-sfn';
import type { FaultCall } from '../../faults';
import type { ServiceModels } from '../models';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService } from '../types';
import { createStateMachineProvisioner } from './cfn-state-machine';
import * as exec from './execution-handlers';
import { StatesMetrics } from './metrics';
import type { SfnDeps } from './service-deps';
import * as sm from './state-machine-handlers';

/** SDK tasks call localaws's own URL (`ctx.endpoint`, known once it listens) over HTTP. */
export function createSfnService({ models, clock, endpoint }: ServiceContext): LocalService {
  const deps: SfnDeps = { models, clock, endpoint, metrics: new StatesMetrics(models.cloudwatch) };
  const op = bindOperations<SfnDeps>(deps);
  const api: AwsService = {
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
  return { api, resourceTypes: [createStateMachineProvisioner(models.sfn, models.iam, models.logs)] };
}

/** For the fault-injection feature: count a StartExecution it throttled as AWS/States ExecutionThrottled. */
export function recordThrottledStart(models: ServiceModels, account: string, region: string, stateMachineArn: string): void {
  new StatesMetrics(models.cloudwatch).recordThrottledStart(account, region, stateMachineArn);
}

/**
 * The fault engine's throttle listener (`faults.onThrottle`): it answers before any handler runs, so this is how
 * Step Functions learns of a throttled StartExecution. Counted only for a state machine that exists, so made-up
 * ARNs cannot grow the metric store.
 */
export function recordThrottledCall(models: ServiceModels, call: FaultCall): void {
  if (call.service !== 'states' || (call.operation !== 'StartExecution' && call.operation !== 'StartSyncExecution')) return;
  const arn = (call.input as { stateMachineArn?: unknown } | undefined)?.stateMachineArn;
  if (typeof arn !== 'string' || !models.sfn.stateMachines.get(call.account, call.region).has(arn)) return;
  recordThrottledStart(models, call.account, call.region, arn);
}
