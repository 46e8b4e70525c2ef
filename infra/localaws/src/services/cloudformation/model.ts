/** CloudFormation's state: stacks, their resources and events, and change sets, per account and region. */
import { randomUUID } from 'node:crypto';
import type {
  Capability,
  Change,
  ChangeSetStatus,
  ExecutionStatus,
  Output,
  Parameter,
  ResourceStatus,
  RollbackConfiguration,
  StackEvent,
  StackStatus,
  Tag,
} from '@aws-sdk/client-cloudformation';
import type { Clock } from '../../clock';
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';
import { settleRegion } from './settle';
import type { ResolvedParameters } from './parameters';
import type { ResourceDef, Template } from './template';

export interface StackResourceState {
  logicalId: string;
  type: string;
  status: ResourceStatus;
  statusReason?: string;
  physicalId?: string;
  ref?: string;
  attributes: Record<string, unknown>;
  /** properties after evaluation, as last applied */
  properties?: Record<string, unknown>;
  definition: ResourceDef;
  lastUpdated: Date;
}

/** A template with its parameters evaluated: what to provision and in which order. */
export interface StackPlan {
  templateBody: string;
  template: Template;
  parameters: ResolvedParameters;
  /** resources whose Condition holds */
  resources: Record<string, ResourceDef>;
  /** logical id -> logical ids it must wait for */
  dependencies: Record<string, string[]>;
}

export interface StackState {
  stackId: string;
  stackName: string;
  status: StackStatus;
  statusReason?: string;
  creationTime: Date;
  lastUpdatedTime?: Date;
  deletionTime?: Date;
  plan: StackPlan;
  capabilities: Capability[];
  tags: Tag[];
  disableRollback: boolean;
  /** optional: stacks saved by an older localaws have neither */
  terminationProtection?: boolean;
  rollbackConfiguration?: RollbackConfiguration;
  resources: Map<string, StackResourceState>;
  /** oldest first; DescribeStackEvents reverses */
  events: StackEvent[];
  outputs: Output[];
  changeSetId?: string;
  /** ClientRequestToken of the operation in progress, stamped on its events */
  requestToken?: string;
  /** set while the resources are done and the rollback triggers are still watched (MonitoringTimeInMinutes) */
  monitoringSince?: Date;
}

export interface ChangeSetState {
  id: string;
  name: string;
  stackId: string;
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  status: ChangeSetStatus;
  executionStatus: ExecutionStatus;
  statusReason?: string;
  creationTime: Date;
  description?: string;
  plan?: StackPlan;
  parameters: Parameter[];
  capabilities: Capability[];
  tags: Tag[];
  rollbackConfiguration?: RollbackConfiguration;
  changes: Change[];
}

export interface RegionState {
  stacks: StackState[];
  changeSets: ChangeSetState[];
  exports: Map<string, { value: string; stackId: string }>;
}

/** Events kept per stack; the oldest go first (AWS keeps a stack's events for 90 days, localaws counts instead). */
export const MAX_STACK_EVENTS = 10_000;

export class CloudFormationModel {
  /** Stacks with their change sets and exports: one store because one operation changes them together. */
  private readonly regions = new RegionalStore<RegionState>(() => ({ stacks: [], changeSets: [], exports: new Map() }));
  /** What persistence saves, as `cloudformation.stacks`. */
  readonly stores = { stacks: this.regions } satisfies StoreDeclaration;
  private lastEventMs = 0;

  constructor(readonly clock: Clock) {}

  region(account: string, region: string): RegionState {
    return this.regions.get(account, region);
  }

  /** A stack mid-operation when localaws stopped ends failed, with an event (see settle.ts). */
  settle(_store: 'stacks', partition: unknown, now: Date): number {
    return settleRegion(partition as RegionState, now, (stack, event) => this.pushEvent(stack, event));
  }

  /** Appends an event, dropping the oldest beyond MAX_STACK_EVENTS. */
  private pushEvent(stack: StackState, event: StackEvent): void {
    // Every stack change comes with an event, often from an engine holding the stack since before a sleep.
    this.regions.touch();
    stack.events.push(event);
    if (stack.events.length > MAX_STACK_EVENTS) stack.events.splice(0, stack.events.length - MAX_STACK_EVENTS);
  }

  /** By ARN any stack, deleted ones included; by name only the live one, as AWS resolves names. */
  findStack(state: RegionState, nameOrId: string): StackState | undefined {
    if (nameOrId.startsWith('arn:')) return state.stacks.find((s) => s.stackId === nameOrId);
    return state.stacks.find((s) => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE');
  }

  newStackId(account: string, region: string, name: string): string {
    return `arn:aws:cloudformation:${region}:${account}:stack/${name}/${randomUUID()}`;
  }

  /** Event timestamps strictly increase so "newest first" and EventIds stay unambiguous. */
  private eventTime(): Date {
    const ms = Math.max(this.clock.now().getTime(), this.lastEventMs + 1);
    this.lastEventMs = ms;
    return new Date(ms);
  }

  addStackEvent(stack: StackState, status: StackStatus, reason?: string): void {
    stack.status = status;
    stack.statusReason = reason;
    this.pushEvent(stack, {
      StackId: stack.stackId,
      EventId: randomUUID(),
      StackName: stack.stackName,
      LogicalResourceId: stack.stackName,
      PhysicalResourceId: stack.stackId,
      ResourceType: 'AWS::CloudFormation::Stack',
      Timestamp: this.eventTime(),
      ResourceStatus: status as ResourceStatus,
      ResourceStatusReason: reason,
      ClientRequestToken: stack.requestToken,
    });
  }

  addResourceEvent(stack: StackState, resource: StackResourceState, status: ResourceStatus, reason?: string): void {
    const timestamp = this.eventTime();
    resource.status = status;
    resource.statusReason = reason;
    resource.lastUpdated = timestamp;
    this.pushEvent(stack, {
      StackId: stack.stackId,
      EventId: `${resource.logicalId}-${status}-${timestamp.toISOString()}`,
      StackName: stack.stackName,
      LogicalResourceId: resource.logicalId,
      PhysicalResourceId: resource.physicalId ?? '',
      ResourceType: resource.type,
      Timestamp: timestamp,
      ResourceStatus: status,
      ResourceStatusReason: reason,
      ResourceProperties: resource.definition.Properties ? JSON.stringify(resource.definition.Properties) : undefined,
      ClientRequestToken: stack.requestToken,
    });
  }
}
