import type { LiveError } from '@/lib/live/stack-messages';
import type { StackSummary } from '@/lib/rollout/types';

/** A stack as DescribeStacks (without a name) lists it: everything the fleet needs in one call, tags included. */
export interface FleetStack extends StackSummary {
  tags: Record<string, string>;
}

/** Which stacks are TapStack environments: a name pattern, or a tag (`key=value`, or `key` with any value). */
export interface FleetMembership {
  namePattern: RegExp;
  tag?: { key: string; value?: string };
}

/** How the execution log group is bound to the stack's CMK, judged cheaply (no key policy read). */
export type CmkState =
  | { kind: 'bound' }
  | { kind: 'not-bound' }
  | { kind: 'problem'; reason: string }
  | { kind: 'unknown'; reason: string };

export interface LastExecution {
  name: string;
  status: string;
  startedAt: string;
  stoppedAt?: string;
}

/** The slow part of an environment (alarms, executions, CMK), refreshed less often than its status. */
export interface EnvironmentDetails {
  alarmsInAlarm: string[];
  alarmCount: number;
  lastExecution: LastExecution | null;
  cmk: CmkState;
  checkedAt: string;
  /** Why some of the details could not be read (code and a plain sentence, safe for every role). */
  error?: string;
}

export interface FleetEnvironment {
  name: string;
  status: string;
  statusReason?: string;
  /** The stack parameter `Mode` (dry-run or apply); null when the stack has none. */
  mode: string | null;
  lastChange: string;
  /** null until the first details read has finished. */
  details: EnvironmentDetails | null;
}

export interface OtherStack {
  name: string;
  status: string;
  lastChange: string;
}

export interface FleetSnapshot {
  environments: FleetEnvironment[];
  others: OtherStack[];
  /** When the statuses were read (ISO time). */
  at: string;
}

/** What the fleet stream sends: the whole snapshot when it changed, `fleet-checked` when a poll found nothing new. */
export type FleetMessage =
  | { type: 'fleet'; fleet: FleetSnapshot }
  | { type: 'fleet-checked'; at: string }
  | { type: 'fleet-stale'; error: LiveError; lastSuccessAt: string | null };
