/**
 * Step Functions' state: state machines (created by the API or by CloudFormation, the same objects) and their
 * executions with history, per account and region. The runner (`runner.ts`) mutates executions through here.
 */
import { RegionalStore, RESTART_REASON, type StoreDeclaration } from '../../state/regional-store';

/** The API's loggingConfiguration shape (camelCase, as the Step Functions API takes it). */
export interface LoggingConfiguration {
  level?: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  includeExecutionData?: boolean;
  destinations?: Array<{ cloudWatchLogsLogGroup?: { logGroupArn?: string } }>;
}

export interface StateMachine {
  name: string;
  arn: string;
  roleArn: string;
  definition: string;
  type: string;
  /** Kept as given (CloudFormation's PascalCase or the API's camelCase); read it with `normalizeLogging`. */
  loggingConfiguration?: unknown;
  creationDate: Date;
  updateDate?: Date;
  revisionId?: string;
  description?: string;
  tags?: Map<string, string>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One history event in the API's shape: `{ timestamp, type, id, previousEventId, <type>EventDetails }`. */
export interface HistoryEvent {
  timestamp: Date;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}

/** What a running execution holds besides its data: kept out of the stores, which persistence serialises. */
export interface RunningExecution {
  /** Stops the engine (StopExecution, DeleteStateMachine). */
  stop: (error?: string, cause?: string) => void;
}

export class SfnModel {
  /** state machine ARN -> state machine */
  readonly stateMachines = new RegionalStore(() => new Map<string, StateMachine>());
  /** execution ARN -> execution, in start order */
  readonly executions = new RegionalStore(() => new Map<string, Execution>());
  /** execution ARN -> its engine handle, while RUNNING */
  readonly running = new Map<string, RunningExecution>();
  /** execution ARN -> resolves when it reaches a terminal status (StartSyncExecution, tests) */
  readonly finished = new Map<string, Promise<void>>();
  /** What persistence saves, as `sfn.<name>`; `running` and `finished` are engine handles and die with the process. */
  readonly stores = { stateMachines: this.stateMachines, executions: this.executions } satisfies StoreDeclaration;

  /** An execution the restart cut short is aborted, with the history event StopExecution would have written. */
  settle(store: keyof SfnModel['stores'], partition: unknown, now: Date): number {
    if (store !== 'executions') return 0;
    let settled = 0;
    for (const execution of (partition as Map<string, Execution>).values()) {
      if (execution.status !== 'RUNNING') continue;
      const last = execution.history.at(-1)?.id ?? 0;
      Object.assign(execution, { status: 'ABORTED', stopDate: now, error: 'States.Runtime', cause: RESTART_REASON });
      execution.history.push({
        timestamp: now,
        type: 'ExecutionAborted',
        id: last + 1,
        previousEventId: last,
        executionAbortedEventDetails: { error: 'States.Runtime', cause: RESTART_REASON },
      });
      settled += 1;
    }
    return settled;
  }
}

/** Reads a logging configuration given in either CloudFormation's or the API's casing. */
export function normalizeLogging(raw: unknown): LoggingConfiguration | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const pick = (camel: string) => r[camel] ?? r[camel.charAt(0).toUpperCase() + camel.slice(1)];
  const destinations = pick('destinations');
  return {
    level: pick('level') as LoggingConfiguration['level'],
    includeExecutionData: pick('includeExecutionData') === true || pick('includeExecutionData') === 'true',
    destinations: Array.isArray(destinations)
      ? destinations.map((d: Record<string, unknown> | undefined) => {
          const group = (d?.cloudWatchLogsLogGroup ?? d?.CloudWatchLogsLogGroup) as Record<string, unknown> | undefined;
          const arn = group?.logGroupArn ?? group?.LogGroupArn;
          return { cloudWatchLogsLogGroup: { logGroupArn: typeof arn === 'string' ? arn : undefined } };
        })
      : undefined,
  };
}
