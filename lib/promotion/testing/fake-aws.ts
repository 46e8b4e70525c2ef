import { AwsCallError } from '@/lib/aws/client-config';
import type { ChangeSetFacts, CreateChangeSetInput, StackForWrite, UpdateParametersInput } from '@/lib/aws/cloudformation-writes';
import type { StackEvent } from '@/lib/rollout/types';
import type { PromotionCfn, PromotionSfn } from '../deps';
import { STACK_ID, STACK_NAME, goodStack } from './facts';

type Operation = keyof PromotionCfn | 'startExecution';

/**
 * CloudFormation and Step Functions as the promotion service sees them, in memory: one stack, its change sets and
 * events, failures injected per operation, every call counted. Unit tests drive the update's end by hand
 * (`finishUpdate`); service-localaws.test.ts runs the same service against a real localaws.
 */
export class FakeAws implements PromotionCfn, PromotionSfn {
  /** The stack was deleted: describe answers null and its events fail, as CloudFormation's do. */
  deleted = false;
  stack: StackForWrite = {
    stackId: STACK_ID,
    name: STACK_NAME,
    status: 'UPDATE_COMPLETE',
    parameters: { ...goodStack().parameters },
    outputs: { ...goodStack().outputs },
    capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
  };
  template = '{"Resources":{}}';
  changeSets = new Map<string, ChangeSetFacts & { input: CreateChangeSetInput }>();
  /** newest first, as DescribeStackEvents answers */
  events: StackEvent[] = [];
  calls: Array<{ operation: Operation; args: unknown[] }> = [];
  /** what the next change set becomes when described */
  changeSetOutcome: { status: 'CREATE_COMPLETE' } | { status: 'FAILED'; reason: string } = { status: 'CREATE_COMPLETE' };
  executions: string[] = [];
  private failures: Array<{ operation: Operation; error: AwsCallError }> = [];
  private updateToken?: string;

  /** The next call of `operation` throws as AWS would (e.g. `Throttling`). */
  failNext(operation: Operation, code = 'Throttling', message = 'Rate exceeded'): void {
    this.failures.push({ operation, error: new AwsCallError(operation, code, message) });
  }

  count(operation: Operation): number {
    return this.calls.filter((call) => call.operation === operation).length;
  }

  private enter(operation: Operation, ...args: unknown[]): void {
    this.calls.push({ operation, args });
    const i = this.failures.findIndex((f) => f.operation === operation);
    if (i >= 0) throw this.failures.splice(i, 1)[0]!.error;
  }

  private event(status: string, reason?: string, logicalId = STACK_NAME, resourceType = 'AWS::CloudFormation::Stack'): void {
    const n = this.events.length + 1;
    this.events.unshift({
      eventId: `e${n}`,
      stackName: STACK_NAME,
      logicalId,
      resourceType,
      status,
      reason,
      timestamp: new Date(Date.UTC(2025, 5, 1, 12, 0, n)).toISOString(),
      clientRequestToken: this.updateToken,
    });
  }

  async describeStackForWrite(name: string): Promise<StackForWrite | null> {
    this.enter('describeStackForWrite', name);
    return name === this.stack.name && !this.deleted ? structuredClone(this.stack) : null;
  }

  async createChangeSet(input: CreateChangeSetInput): Promise<{ changeSetArn: string; stackId: string }> {
    this.enter('createChangeSet', input);
    const arn = `arn:aws:cloudformation:us-east-1:000000000000:changeSet/${input.changeSetName}/${this.changeSets.size + 1}`;
    const parameters = Object.fromEntries(
      input.parameters.map((p) => [p.key, 'usePrevious' in p ? (this.stack.parameters[p.key] ?? '') : p.value]),
    );
    const outcome = this.changeSetOutcome;
    this.changeSets.set(arn, {
      input,
      arn,
      name: input.changeSetName,
      stackId: STACK_ID,
      status: outcome.status,
      executionStatus: outcome.status === 'FAILED' ? 'UNAVAILABLE' : 'AVAILABLE',
      statusReason: outcome.status === 'FAILED' ? outcome.reason : undefined,
      parameters,
      changes: [
        {
          logicalId: 'Workflow',
          resourceType: 'AWS::StepFunctions::StateMachine',
          action: 'Modify',
          replacement: 'False',
          details: ['DefinitionSubstitutions'],
        },
      ],
      capabilities: input.capabilities,
      rollbackTriggerArns: input.rollbackTriggerArns,
    });
    return { changeSetArn: arn, stackId: STACK_ID };
  }

  async describeChangeSet(stackName: string, changeSet: string): Promise<ChangeSetFacts | null> {
    this.enter('describeChangeSet', stackName, changeSet);
    const found = this.changeSets.get(changeSet) ?? [...this.changeSets.values()].find((cs) => cs.name === changeSet);
    if (!found) return null;
    const facts: ChangeSetFacts & { input?: CreateChangeSetInput } = structuredClone(found);
    delete facts.input;
    return facts;
  }

  async getChangeSetTemplate(stackName: string, changeSet: string): Promise<string> {
    this.enter('getChangeSetTemplate', stackName, changeSet);
    return this.template;
  }

  async executeChangeSet(stackName: string, changeSetArn: string, clientRequestToken: string): Promise<void> {
    this.enter('executeChangeSet', stackName, changeSetArn, clientRequestToken);
    const cs = this.changeSets.get(changeSetArn);
    if (!cs || cs.executionStatus !== 'AVAILABLE')
      throw new AwsCallError('ExecuteChangeSet', 'InvalidChangeSetStatus', 'not available');
    cs.executionStatus = 'EXECUTE_IN_PROGRESS';
    this.updateToken = clientRequestToken;
    this.stack.status = 'UPDATE_IN_PROGRESS';
    this.event('UPDATE_IN_PROGRESS', 'User Initiated');
  }

  /** Ends the running update: complete (Mode as the change set said) or rolled back by `alarmArn`. */
  finishUpdate(how: 'complete' | { alarmArn: string }): void {
    if (how === 'complete') {
      this.stack.parameters.Mode = 'apply';
      this.stack.status = 'UPDATE_COMPLETE';
      this.event('UPDATE_COMPLETE');
    } else {
      this.event('UPDATE_ROLLBACK_IN_PROGRESS', `The following CloudWatch Alarms were in ALARM state: [${how.alarmArn}].`);
      this.stack.status = 'UPDATE_ROLLBACK_COMPLETE';
      this.event('UPDATE_ROLLBACK_COMPLETE');
    }
  }

  async deleteChangeSet(stackName: string, changeSetArn: string): Promise<void> {
    this.enter('deleteChangeSet', stackName, changeSetArn);
    this.changeSets.delete(changeSetArn);
  }

  async updateStackParameters(input: UpdateParametersInput): Promise<{ stackId: string }> {
    this.enter('updateStackParameters', input);
    for (const p of input.parameters) if (!('usePrevious' in p)) this.stack.parameters[p.key] = p.value;
    this.stack.status = 'UPDATE_IN_PROGRESS';
    return { stackId: STACK_ID };
  }

  async listStackEvents(stackName: string, limit: number): Promise<StackEvent[]> {
    this.enter('listStackEvents', stackName, limit);
    if (this.deleted) throw new Error(`DescribeStackEvents failed: Stack [${stackName}] does not exist`);
    return this.events.slice(0, limit);
  }

  async startExecution(
    stateMachineArn: string,
    name: string,
    input: string,
  ): Promise<{ executionArn: string; startedAt: string }> {
    this.enter('startExecution', stateMachineArn, name, input);
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    if (this.executions.includes(executionArn))
      throw new AwsCallError('StartExecution', 'ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    this.executions.push(executionArn);
    return { executionArn, startedAt: new Date().toISOString() };
  }
}
