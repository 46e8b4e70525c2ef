/**
 * Stack operations: create, update and delete, each running in the background (setTimeout-based
 * sleeps through the clock) so a slow stack never blocks other requests. Failures roll back as
 * CloudFormation does.
 */
import type { Output } from '@aws-sdk/client-cloudformation';
import type { Clock } from '../../clock';
import { dependents, runGraph } from './graph';
import { evaluate, evaluateCondition, type EvalScope } from './intrinsics';
import type { CloudFormationModel, RegionState, StackPlan, StackState } from './model';
import { pseudoParameters } from './plan';
import type { ResourceTypes } from './provisioner';
import { newOperation, ResourceActions, type Operation } from './resource-actions';
import { alarmRollbackReason, TriggerWatch, type AlarmLookup } from './rollback-triggers';

export class StackEngine {
  constructor(
    private readonly model: CloudFormationModel,
    private readonly registry: ResourceTypes,
    private readonly clock: Clock,
    private readonly log: (line: string) => void = () => undefined,
    private readonly alarmState: AlarmLookup = () => undefined,
  ) {}

  /** Watches the stack's rollback triggers; one in ALARM stops new resource work (the operation then rolls back). */
  private watchTriggers(stack: StackState, op: Operation): TriggerWatch {
    const arns = (stack.rollbackConfiguration?.RollbackTriggers ?? []).map((t) => t.Arn ?? '');
    return new TriggerWatch(this.clock, arns, this.alarmState, () => {
      op.aborted = true;
    }).start();
  }

  /**
   * After the resources are done, the stack stays in progress for MonitoringTimeInMinutes (AWS keeps watching
   * the triggers then). Answers the alarms that fired during the operation or the monitoring, if any.
   */
  private async monitorTriggers(stack: StackState, watch: TriggerWatch, op: Operation): Promise<string[] | undefined> {
    const ms = (stack.rollbackConfiguration?.MonitoringTimeInMinutes ?? 0) * 60_000;
    // Saved with the stack, so a restart in the window settles it as an interrupted monitoring (settle.ts).
    if (!op.aborted && ms > 0) stack.monitoringSince = this.clock.now();
    if (!op.aborted) await watch.monitor(ms);
    stack.monitoringSince = undefined;
    watch.stop();
    return watch.fired;
  }

  private where(stack: StackState): { account: string; region: string } {
    const [, , , region = '', account = ''] = stack.stackId.split(':');
    return { account, region };
  }

  scope(stack: StackState, regionState: RegionState, plan: StackPlan = stack.plan): EvalScope {
    const { account, region } = this.where(stack);
    return {
      template: plan.template,
      values: { ...pseudoParameters(account, region, stack.stackName, stack.stackId), ...plan.parameters.values },
      region,
      resource: (id) => {
        const r = stack.resources.get(id);
        return r?.physicalId && r.status !== 'DELETE_COMPLETE'
          ? { ref: r.ref ?? r.physicalId, attributes: r.attributes }
          : undefined;
      },
      importValue: (name) => regionState.exports.get(name)?.value,
    };
  }

  private actions(stack: StackState, regionState: RegionState, plan: StackPlan): ResourceActions {
    const { account, region } = this.where(stack);
    return new ResourceActions(
      { model: this.model, registry: this.registry, clock: this.clock },
      stack,
      { account, region, stackName: stack.stackName },
      this.scope(stack, regionState, plan),
    );
  }

  private background(stack: StackState, work: () => Promise<void>): void {
    work().catch((error: unknown) => {
      this.log(`localaws: stack ${stack.stackName} operation crashed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  }

  private deleteAll(actions: ResourceActions, ids: string[], dependencies: Record<string, string[]>): Promise<void> {
    return runGraph(ids, dependents(dependencies), (id) => actions.delete(id), { aborted: false });
  }

  private publishOutputs(stack: StackState, regionState: RegionState): void {
    const scope = this.scope(stack, regionState);
    const outputs: Output[] = [];
    for (const [key, def] of Object.entries(stack.plan.template.Outputs ?? {})) {
      try {
        if (def.Condition !== undefined && !evaluateCondition(def.Condition, scope)) continue;
        const value = evaluate(def.Value, scope);
        const exportName = def.Export ? String(evaluate(def.Export.Name, scope)) : undefined;
        outputs.push({
          OutputKey: key,
          OutputValue: Array.isArray(value) ? value.join(',') : String(value),
          Description: def.Description,
          ExportName: exportName,
        });
        if (exportName) regionState.exports.set(exportName, { value: String(value), stackId: stack.stackId });
      } catch (error) {
        this.log(`localaws: output ${key} of ${stack.stackName} could not be evaluated: ${String(error)}`);
      }
    }
    stack.outputs = outputs;
  }

  private dropExports(stack: StackState, regionState: RegionState): void {
    for (const [name, entry] of regionState.exports) if (entry.stackId === stack.stackId) regionState.exports.delete(name);
  }

  startCreate(stack: StackState, regionState: RegionState, token: string | undefined): void {
    stack.requestToken = token;
    this.model.addStackEvent(stack, 'CREATE_IN_PROGRESS', 'User Initiated');
    this.background(stack, async () => {
      const plan = stack.plan;
      const actions = this.actions(stack, regionState, plan);
      const op = newOperation();
      const ids = Object.keys(plan.resources);
      const watch = this.watchTriggers(stack, op);
      await runGraph(
        ids,
        (id) => plan.dependencies[id] ?? [],
        (id) => actions.create(op, id, plan.resources[id]!),
        op,
      );
      const alarms = await this.monitorTriggers(stack, watch, op);
      if (!op.aborted && !alarms) {
        this.publishOutputs(stack, regionState);
        this.model.addStackEvent(stack, 'CREATE_COMPLETE');
        return;
      }
      const reason = alarms
        ? alarmRollbackReason(alarms)
        : `The following resource(s) failed to create: [${op.failed.join(', ')}]. `;
      if (stack.disableRollback) return this.model.addStackEvent(stack, 'CREATE_FAILED', reason);
      this.model.addStackEvent(stack, 'ROLLBACK_IN_PROGRESS', alarms ? reason : `${reason}Rollback requested by user.`);
      await this.deleteAll(actions, [...op.created], plan.dependencies);
      this.model.addStackEvent(stack, 'ROLLBACK_COMPLETE');
    });
  }

  /** `rollbackConfiguration` is what the update runs with; a rollback puts the previous one back. */
  startUpdate(
    stack: StackState,
    regionState: RegionState,
    next: StackPlan,
    token: string | undefined,
    rollbackConfiguration = stack.rollbackConfiguration,
  ): void {
    const previous = stack.plan;
    const previousRollback = stack.rollbackConfiguration;
    stack.rollbackConfiguration = rollbackConfiguration;
    stack.requestToken = token;
    stack.lastUpdatedTime = this.clock.now();
    stack.plan = next;
    this.model.addStackEvent(stack, 'UPDATE_IN_PROGRESS', 'User Initiated');
    this.background(stack, async () => {
      const actions = this.actions(stack, regionState, next);
      const op = newOperation();
      const removed = [...stack.resources.keys()].filter(
        (id) => !(id in next.resources) && stack.resources.get(id)?.status !== 'DELETE_COMPLETE',
      );
      const replaced = new Map<string, ReturnType<StackState['resources']['get']>>();
      const task = async (id: string): Promise<boolean> => {
        const definition = next.resources[id]!;
        const existing = stack.resources.get(id);
        if (!existing || existing.status === 'DELETE_COMPLETE') return actions.create(op, id, definition);
        if (existing.type !== definition.Type) {
          // A new type means a new physical resource; the old one goes during cleanup.
          replaced.set(id, { ...existing });
          return actions.create(op, id, definition);
        }
        if (JSON.stringify(existing.definition) === JSON.stringify(definition) && !this.usesChangedParameter(id, previous, next))
          return true;
        return actions.update(op, id, definition);
      };
      const watch = this.watchTriggers(stack, op);
      await runGraph(Object.keys(next.resources), (id) => next.dependencies[id] ?? [], task, op);
      const alarms = await this.monitorTriggers(stack, watch, op);
      if (!op.aborted && !alarms) {
        this.publishOutputs(stack, regionState);
        if (removed.length > 0 || replaced.size > 0) {
          this.model.addStackEvent(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
          const cleanup = this.actions(stack, regionState, previous);
          for (const [id, old] of replaced)
            if (old)
              cleanup
                .provisioner(old.type)
                .delete(old.physicalId ?? '', { ...this.where(stack), stackName: stack.stackName, logicalId: id });
          await this.deleteAll(cleanup, removed, previous.dependencies);
          for (const id of removed) stack.resources.delete(id);
        }
        this.model.addStackEvent(stack, 'UPDATE_COMPLETE');
        return;
      }
      stack.rollbackConfiguration = previousRollback;
      await this.rollbackUpdate(stack, regionState, previous, actions, op, alarms ? alarmRollbackReason(alarms) : undefined);
    });
  }

  private usesChangedParameter(id: string, previous: StackPlan, next: StackPlan): boolean {
    const text = JSON.stringify(next.resources[id]?.Properties ?? {});
    return Object.keys(next.parameters.raw).some(
      (p) =>
        previous.parameters.raw[p] !== next.parameters.raw[p] && (text.includes(`"Ref":"${p}"`) || text.includes(`\${${p}}`)),
    );
  }

  private async rollbackUpdate(
    stack: StackState,
    regionState: RegionState,
    previous: StackPlan,
    actions: ResourceActions,
    op: Operation,
    reason?: string,
  ): Promise<void> {
    const verb = op.failed.some((id) => op.created.has(id)) && !op.failed.some((id) => op.updated.has(id)) ? 'create' : 'update';
    this.model.addStackEvent(
      stack,
      'UPDATE_ROLLBACK_IN_PROGRESS',
      reason ?? `The following resource(s) failed to ${verb}: [${op.failed.join(', ')}]. `,
    );
    const failedNew = stack.plan;
    stack.plan = previous;
    const restore = this.actions(stack, regionState, previous);
    await Promise.all([...op.updated].map(([id, before]) => restore.restore(id, before)));
    this.model.addStackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    await this.deleteAll(actions, [...op.created], failedNew.dependencies);
    for (const id of op.created) if (!(id in previous.resources)) stack.resources.delete(id);
    this.model.addStackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE');
  }

  startDelete(stack: StackState, regionState: RegionState, token: string | undefined): void {
    stack.requestToken = token;
    this.model.addStackEvent(stack, 'DELETE_IN_PROGRESS', 'User Initiated');
    this.background(stack, async () => {
      const actions = this.actions(stack, regionState, stack.plan);
      const ids = [...stack.resources.keys()];
      const deps: Record<string, string[]> = {};
      for (const id of ids) deps[id] = stack.plan.dependencies[id] ?? [];
      await this.deleteAll(actions, ids, deps);
      const failed = ids.filter((id) => stack.resources.get(id)?.status === 'DELETE_FAILED');
      if (failed.length > 0) {
        this.model.addStackEvent(stack, 'DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
        return;
      }
      this.dropExports(stack, regionState);
      stack.deletionTime = this.clock.now();
      this.model.addStackEvent(stack, 'DELETE_COMPLETE');
    });
  }
}
