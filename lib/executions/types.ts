/** A Step Functions execution of the TapStack workflow, as the dashboard lists it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface ExecutionSummary {
  arn: string;
  name: string;
  status: ExecutionStatus;
  startedAt: string;
  stoppedAt?: string;
  /** The workflow's plan, when the execution succeeded and its output parses as one. */
  plan?: PrecheckPlan;
  /** Failure name and cause, e.g. ParametersMisaligned. */
  error?: string;
  cause?: string;
  /** Whether it was a dry run (from its plan, else its input); undefined when unknown (e.g. still running). */
  dryRun?: boolean;
}

export interface PlanEntry {
  name: string;
  state: string;
  compliant: boolean;
  /** 'none', 'would-enable-…' (dry-run) or 'enabled-…' (apply) */
  action: string;
}

/** What the TapStack workflow outputs: the target account and, per bucket and table, what it found and did. */
export interface PrecheckPlan {
  account: string;
  mode: string;
  dryRun: boolean;
  buckets: PlanEntry[];
  tables: PlanEntry[];
}

/** One event of an execution's history, as the execution page shows and reads it (GetExecutionHistory). */
export interface HistoryItem {
  id: number;
  previousEventId?: number;
  /** e.g. TaskStateEntered, TaskFailed, ExecutionSucceeded */
  type: string;
  timestamp: string;
  /** The state a StateEntered/StateExited event names (and Map iteration events their Map state). */
  stateName?: string;
  /** Task events: `resourceType:resource`, e.g. `aws-sdk:sts:getCallerIdentity`. */
  resource?: string;
  error?: string;
  cause?: string;
  /** The event's input or output JSON, when it has one. */
  data?: string;
}

/** One execution in full, for its page. */
export interface ExecutionDetail {
  arn: string;
  name: string;
  stateMachineArn: string;
  status: ExecutionStatus;
  startedAt: string;
  stoppedAt?: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** The workflow's plan, when the output parses as one. */
  plan?: PrecheckPlan;
  /** Whether the execution asked for (or the stack forced) a dry run; undefined when neither input nor output says. */
  dryRun?: boolean;
}
