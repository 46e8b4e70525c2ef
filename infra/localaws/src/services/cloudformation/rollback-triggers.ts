/**
 * Rollback triggers (RollbackConfiguration): CloudWatch alarms CloudFormation watches during a create or update
 * and for MonitoringTimeInMinutes after the resources are done; one in ALARM rolls the operation back.
 */
import type { RollbackConfiguration } from '@aws-sdk/client-cloudformation';
import type { Clock } from '../../clock';
import { ValidationError } from '../../errors';

/** An alarm's state by ARN (undefined when there is no such alarm). */
export type AlarmLookup = (arn: string) => string | undefined;

const MAX_TRIGGERS = 5;
const MAX_MONITORING_MINUTES = 180;
const TRIGGER_TYPES = ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'];
/** How often (simulated ms) the alarms are read while an operation runs; CloudFormation's cadence is not documented. */
const POLL_MS = 1_000;

/** The stack-event reason; AWS's text begins this way (seen from real stacks), the list format is localaws's. */
export const alarmRollbackReason = (arns: string[]) =>
  `The following CloudWatch Alarms were in ALARM state: [${arns.join(', ')}].`;

/**
 * The configuration an operation runs with. As in AWS, omitting RollbackConfiguration (or its triggers) keeps
 * the stack's previous triggers, an empty list removes them; every trigger must name an existing alarm.
 */
export function resolveRollbackConfiguration(
  input: RollbackConfiguration | undefined,
  previous: RollbackConfiguration | undefined,
  lookup: AlarmLookup,
): RollbackConfiguration | undefined {
  if (!input && !previous) return undefined;
  const triggers = input?.RollbackTriggers ?? previous?.RollbackTriggers ?? [];
  const minutes = input?.MonitoringTimeInMinutes ?? previous?.MonitoringTimeInMinutes ?? 0;
  if (triggers.length > MAX_TRIGGERS) {
    throw new ValidationError(
      `1 validation error detected: Value '[${triggers.map((t) => t.Arn).join(', ')}]' at 'rollbackConfiguration.rollbackTriggers' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TRIGGERS}`,
    );
  }
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MONITORING_MINUTES) {
    const bound = minutes < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_MONITORING_MINUTES}`;
    throw new ValidationError(
      `1 validation error detected: Value '${minutes}' at 'rollbackConfiguration.monitoringTimeInMinutes' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  for (const trigger of triggers) {
    if (!TRIGGER_TYPES.includes(trigger.Type ?? ''))
      throw new ValidationError(
        `Rollback trigger type [${trigger.Type ?? ''}] is not supported. Supported types: [${TRIGGER_TYPES.join(', ')}]`,
      );
  }
  const missing = triggers.map((t) => t.Arn ?? '').filter((arn) => lookup(arn) === undefined);
  if (missing.length > 0) throw new ValidationError(`The following rollback trigger(s) do not exist: [${missing.join(', ')}]`);
  return { RollbackTriggers: triggers.map((t) => ({ Arn: t.Arn, Type: t.Type })), MonitoringTimeInMinutes: minutes };
}

/** Watches one operation's trigger alarms; `onFire` runs once, when the first poll finds any in ALARM. */
export class TriggerWatch {
  fired?: string[];
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly arns: string[],
    private readonly stateOf: AlarmLookup,
    private readonly onFire: (arns: string[]) => void,
  ) {}

  start(): this {
    if (this.arns.length > 0) void this.loop();
    return this;
  }

  stop(): void {
    this.stopped = true;
  }

  private check(): boolean {
    if (this.fired) return true;
    const firing = this.arns.filter((arn) => this.stateOf(arn) === 'ALARM');
    if (firing.length === 0) return false;
    this.fired = firing;
    this.onFire(firing);
    return true;
  }

  private async loop(): Promise<void> {
    while (!this.stopped && !this.check()) await this.clock.sleep(POLL_MS);
  }

  /** The monitoring period after the resources are done (simulated ms); true when a trigger fired in it (or before). */
  async monitor(ms: number): Promise<boolean> {
    for (let left = ms; left > 0 && !this.check(); left -= POLL_MS) await this.clock.sleep(Math.min(POLL_MS, left));
    return this.check();
  }
}
