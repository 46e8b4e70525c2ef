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
