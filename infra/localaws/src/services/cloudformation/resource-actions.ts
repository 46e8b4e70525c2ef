/**
 * One resource's create / update / delete inside a stack operation, with the events CloudFormation
 * emits for it. Failures and cancellations are recorded on the shared Operation.
 */
import type { ResourceStatus } from '@aws-sdk/client-cloudformation';
import type { Clock } from '../../clock';
import { AwsError } from '../../errors';
import { evaluate, type EvalScope } from './intrinsics';
import type { CloudFormationModel, StackResourceState, StackState } from './model';
import {
  ResourceHandlerError,
  unsupportedProvisioner,
  type Props,
  type ProvisionContext,
  type Provisioner,
  type ResourceTypes,
} from './provisioner';
import type { ResourceDef } from './template';

/** The time a resource handler takes to answer before a resource shows as initiated (simulated ms). */
const HANDLER_LATENCY_MS = 500;

export interface Operation {
  aborted: boolean;
  /** logical ids whose create/update failed or was cancelled, in order */
  failed: string[];
  inFlight: Map<string, 'create' | 'update'>;
  cancelled: Set<string>;
  /** resources this operation created (rolled back by deletion) */
  created: Set<string>;
  /** resources this operation updated, with what to restore */
  updated: Map<string, { definition: ResourceDef; properties?: Props }>;
}

export function newOperation(): Operation {
  return { aborted: false, failed: [], inFlight: new Map(), cancelled: new Set(), created: new Set(), updated: new Map() };
}

export interface ActionDeps {
  model: CloudFormationModel;
  registry: ResourceTypes;
  clock: Clock;
}

function failureReason(error: unknown): string {
  if (error instanceof ResourceHandlerError) return error.toStatusReason();
  if (error instanceof AwsError) return error.message;
  return `Internal failure: ${error instanceof Error ? error.message : String(error)}`;
}

export class ResourceActions {
  constructor(
    private readonly deps: ActionDeps,
    private readonly stack: StackState,
    private readonly ctxBase: Omit<ProvisionContext, 'logicalId'>,
    private readonly scope: EvalScope,
  ) {}

  provisioner(type: string): Provisioner {
    return this.deps.registry.get(type) ?? unsupportedProvisioner(type);
  }

  private event(resource: StackResourceState, status: ResourceStatus, reason?: string): void {
    this.deps.model.addResourceEvent(this.stack, resource, status, reason);
  }

  /** Marks every other in-flight resource cancelled, as CloudFormation does once one fails. */
  private abort(op: Operation, failedId: string): void {
    op.failed.push(failedId);
    if (op.aborted) return;
    op.aborted = true;
    for (const [id, kind] of op.inFlight) {
      const resource = this.stack.resources.get(id);
      if (id === failedId || !resource) continue;
      op.cancelled.add(id);
      op.failed.push(id);
      this.event(
        resource,
        kind === 'create' ? 'CREATE_FAILED' : 'UPDATE_FAILED',
        kind === 'create' ? 'Resource creation cancelled' : 'Resource update cancelled',
      );
    }
  }

  async create(op: Operation, logicalId: string, definition: ResourceDef): Promise<boolean> {
    const resource: StackResourceState = {
      logicalId,
      type: definition.Type,
      status: 'CREATE_IN_PROGRESS',
      attributes: {},
      definition,
      lastUpdated: this.deps.clock.now(),
    };
    this.stack.resources.set(logicalId, resource);
    op.created.add(logicalId);
    return this.track(op, logicalId, 'create', async () => {
      this.event(resource, 'CREATE_IN_PROGRESS');
      await this.deps.clock.sleep(HANDLER_LATENCY_MS);
      if (op.cancelled.has(logicalId)) return false;
      const provisioner = this.provisioner(definition.Type);
      const props = evaluate(definition.Properties ?? {}, this.scope) as Props;
      const result = provisioner.create(props, { ...this.ctxBase, logicalId });
      Object.assign(resource, {
        physicalId: result.physicalId,
        ref: result.ref ?? result.physicalId,
        attributes: result.attributes,
        properties: props,
      });
      this.event(resource, 'CREATE_IN_PROGRESS', 'Resource creation Initiated');
      await this.deps.clock.sleep(provisioner.createMs);
      if (op.cancelled.has(logicalId)) return false;
      this.event(resource, 'CREATE_COMPLETE');
      return true;
    });
  }

  async update(op: Operation, logicalId: string, definition: ResourceDef): Promise<boolean> {
    const resource = this.stack.resources.get(logicalId);
    if (!resource) return this.create(op, logicalId, definition);
    op.updated.set(logicalId, { definition: resource.definition, properties: resource.properties });
    resource.definition = definition;
    return this.track(op, logicalId, 'update', async () => {
      this.event(resource, 'UPDATE_IN_PROGRESS');
      await this.deps.clock.sleep(HANDLER_LATENCY_MS);
      if (op.cancelled.has(logicalId)) return false;
      const provisioner = this.provisioner(definition.Type);
      const props = evaluate(definition.Properties ?? {}, this.scope) as Props;
      this.applyUpdate(resource, provisioner, props);
      await this.deps.clock.sleep(provisioner.updateMs ?? provisioner.createMs / 2);
      if (op.cancelled.has(logicalId)) return false;
      this.event(resource, 'UPDATE_COMPLETE');
      return true;
    });
  }

  private applyUpdate(resource: StackResourceState, provisioner: Provisioner, props: Props): void {
    const ctx = { ...this.ctxBase, logicalId: resource.logicalId };
    const result =
      provisioner.update && resource.physicalId
        ? provisioner.update(resource.physicalId, props, resource.properties ?? {}, ctx)
        : undefined;
    if (result)
      Object.assign(resource, {
        physicalId: result.physicalId,
        ref: result.ref ?? result.physicalId,
        attributes: result.attributes,
      });
    resource.properties = props;
  }

  /** Puts an updated resource back as it was (update rollback). */
  async restore(logicalId: string, previous: { definition: ResourceDef; properties?: Props }): Promise<boolean> {
    const resource = this.stack.resources.get(logicalId);
    if (!resource) return true;
    resource.definition = previous.definition;
    this.event(resource, 'UPDATE_IN_PROGRESS');
    try {
      const provisioner = this.provisioner(resource.type);
      this.applyUpdate(resource, provisioner, previous.properties ?? {});
      await this.deps.clock.sleep(provisioner.updateMs ?? provisioner.createMs / 2);
      this.event(resource, 'UPDATE_COMPLETE');
      return true;
    } catch (error) {
      this.event(resource, 'UPDATE_FAILED', failureReason(error));
      return false;
    }
  }

  async delete(logicalId: string): Promise<boolean> {
    const resource = this.stack.resources.get(logicalId);
    if (!resource || resource.status === 'DELETE_COMPLETE' || resource.status === 'DELETE_SKIPPED') return true;
    if (!resource.physicalId) {
      this.event(resource, 'DELETE_COMPLETE');
      return true;
    }
    if (resource.definition.DeletionPolicy === 'Retain' || resource.definition.DeletionPolicy === 'RetainExceptOnCreate') {
      this.event(resource, 'DELETE_SKIPPED');
      return true;
    }
    this.event(resource, 'DELETE_IN_PROGRESS');
    try {
      const provisioner = this.provisioner(resource.type);
      await this.deps.clock.sleep(HANDLER_LATENCY_MS);
      provisioner.delete(resource.physicalId, { ...this.ctxBase, logicalId });
      await this.deps.clock.sleep(provisioner.deleteMs ?? Math.min(provisioner.createMs, 3_000));
      this.event(resource, 'DELETE_COMPLETE');
      return true;
    } catch (error) {
      this.event(resource, 'DELETE_FAILED', failureReason(error));
      return false;
    }
  }

  private async track(
    op: Operation,
    logicalId: string,
    kind: 'create' | 'update',
    body: () => Promise<boolean>,
  ): Promise<boolean> {
    op.inFlight.set(logicalId, kind);
    try {
      return await body();
    } catch (error) {
      if (op.cancelled.has(logicalId)) return false;
      const resource = this.stack.resources.get(logicalId);
      if (resource) this.event(resource, kind === 'create' ? 'CREATE_FAILED' : 'UPDATE_FAILED', failureReason(error));
      this.abort(op, logicalId);
      return false;
    } finally {
      op.inFlight.delete(logicalId);
    }
  }
}
