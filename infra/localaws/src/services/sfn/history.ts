/**
 * Builds an execution's history in the API's shapes from the engine's events (aws-local-stepfunctions'
 * EventLog) plus the Task events the SDK bridge reports (TaskScheduled/Started/Succeeded/Failed). Every new event
 * goes to `onEvent` (the log writer). `previousEventId` is the event recorded just before (AWS links events per
 * branch/iteration; here concurrent Map iterations and Parallel branches interleave in one chain).
 */
import type { Clock } from '../../clock';
import type { Execution, HistoryEvent } from './model';
import { isHiddenState, type PreparedDefinition, type TaskInfo } from './prepare-definition';

/** The part of the engine's events this reads (its EventLog union, loosely). */
export interface EngineEvent {
  type: string;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: string;
  index?: number;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  parentState?: { name: string; type: string; input?: unknown };
}

export const FAIL_PLACEHOLDER = 'Execution failed because of a Fail state';

/**
 * AWS's quota: 25,000 events in one execution's history ("If the execution history reaches this quota the execution
 * will fail"). Observed on AWS: event 25,000 is the ExecutionFailed itself, with States.Runtime and this cause.
 */
export const MAX_HISTORY_EVENTS = 25_000;
export const HISTORY_FULL_ERROR = 'States.Runtime';
export const HISTORY_FULL_CAUSE = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;
const TERMINAL_EVENTS = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);
const json = (value: unknown) => JSON.stringify(value ?? null);
const truncated = { truncated: false };

export function taskResourceDetails(resource: string): { resourceType: string; resource: string } {
  // arn:aws:states:::aws-sdk:s3:getBucketVersioning → resourceType aws-sdk:s3, resource getBucketVersioning
  const rest = resource.replace(/^arn:aws[\w-]*:states:[^:]*:[^:]*:/, '');
  const cut = rest.lastIndexOf(':');
  return cut > 0 ? { resourceType: rest.slice(0, cut), resource: rest.slice(cut + 1) } : { resourceType: 'lambda', resource };
}

export class HistoryRecorder {
  constructor(
    private readonly execution: Execution,
    private readonly clock: Clock,
    private readonly prepared: PreparedDefinition,
    private readonly region: string,
    private readonly onEvent: (event: HistoryEvent) => void,
  ) {}

  /**
   * Called instead of adding the event that would leave no room for the execution's own end under
   * MAX_HISTORY_EVENTS: the runner fails the execution there (its ExecutionFailed is the last event).
   */
  onHistoryFull: () => void = () => {};

  /** Appends one event unless the execution already ended (a stopped execution's late task results). */
  add(type: string, detailsKey?: string, details?: Record<string, unknown>, force = false): HistoryEvent | undefined {
    if (!force && this.execution.status !== 'RUNNING') return undefined;
    const history = this.execution.history;
    if (history.length >= MAX_HISTORY_EVENTS - 1 && !TERMINAL_EVENTS.has(type)) {
      this.onHistoryFull();
      return undefined;
    }
    const id = history.length + 1;
    const event: HistoryEvent = { timestamp: this.clock.now(), type, id, previousEventId: id - 1 };
    if (detailsKey && details) event[detailsKey] = details;
    history.push(event);
    this.onEvent(event);
    return event;
  }

  taskScheduled(task: TaskInfo, parameters: unknown): void {
    this.add('TaskScheduled', 'taskScheduledEventDetails', {
      ...taskResourceDetails(task.resource),
      region: this.region,
      parameters: json(parameters),
      ...(task.timeoutSeconds ? { timeoutInSeconds: task.timeoutSeconds } : {}),
      ...(task.roleArn ? { taskCredentials: { roleArn: task.roleArn } } : {}),
    });
    this.add('TaskStarted', 'taskStartedEventDetails', taskResourceDetails(task.resource));
  }

  taskSucceeded(task: TaskInfo, output: unknown): void {
    this.add('TaskSucceeded', 'taskSucceededEventDetails', {
      ...taskResourceDetails(task.resource),
      output: json(output),
      outputDetails: truncated,
    });
  }

  taskFailed(task: TaskInfo, error: string, cause: string): void {
    this.add('TaskFailed', 'taskFailedEventDetails', { ...taskResourceDetails(task.resource), error, cause });
  }

  fromEngine(event: EngineEvent): void {
    const state = event.state;
    switch (event.type) {
      case 'ExecutionStarted':
        this.add('ExecutionStarted', 'executionStartedEventDetails', {
          input: json(event.input),
          inputDetails: truncated,
          roleArn: this.roleArn,
        });
        return;
      case 'ExecutionSucceeded':
        this.add('ExecutionSucceeded', 'executionSucceededEventDetails', {
          output: json(event.output),
          outputDetails: truncated,
        });
        return;
      case 'ExecutionFailed':
        // A Fail state without Cause leaves the library's placeholder; AWS has no cause then.
        this.add(
          'ExecutionFailed',
          'executionFailedEventDetails',
          errorDetails(event.Error, event.Cause === FAIL_PLACEHOLDER ? undefined : event.Cause),
        );
        return;
      case 'ExecutionTimeout':
        this.add('ExecutionTimedOut', 'executionTimedOutEventDetails', {
          error: 'States.Timeout',
          cause: 'The execution timed out.',
        });
        return;
      case 'StateEntered':
        if (state) this.stateEntered(state);
        return;
      case 'StateExited':
        if (state) this.stateExited(state);
        return;
      case 'StateFailed':
        if (state) this.stateFailed(state, event);
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `mapIteration${event.type.slice('MapIteration'.length)}EventDetails`;
        this.add(event.type, key, { name: event.parentState?.name ?? '', index: event.index ?? 0 });
        return;
      }
      default:
        // ParallelBranch*, StateRetried, StateCaught, ExecutionAborted: AWS's history has no such events
        // (StopExecution records ExecutionAborted itself, with its error and cause).
        return;
    }
  }

  roleArn = '';

  private stateEntered(state: NonNullable<EngineEvent['state']>): void {
    if (isHiddenState(state.name)) return;
    const type = this.prepared.rewrittenFails.has(state.name) ? 'Fail' : state.type;
    this.add(`${type}StateEntered`, 'stateEnteredEventDetails', {
      name: state.name,
      input: json(state.input),
      inputDetails: truncated,
    });
    if (type === 'Map')
      this.add('MapStateStarted', 'mapStateStartedEventDetails', { length: this.mapLength(state.name, state.input) });
    if (type === 'Parallel') this.add('ParallelStateStarted');
  }

  private stateExited(state: NonNullable<EngineEvent['state']>): void {
    if (isHiddenState(state.name) || this.prepared.rewrittenFails.has(state.name) || state.type === 'Fail') return;
    if (state.type === 'Map') this.add('MapStateSucceeded');
    if (state.type === 'Parallel') this.add('ParallelStateSucceeded');
    this.add(`${state.type}StateExited`, 'stateExitedEventDetails', {
      name: state.name,
      output: json(state.output),
      outputDetails: truncated,
    });
  }

  private stateFailed(state: NonNullable<EngineEvent['state']>, event: EngineEvent): void {
    if (state.type === 'Map') this.add('MapStateFailed');
    if (state.type === 'Parallel') this.add('ParallelStateFailed');
    if (state.type === 'Task' && event.Error === 'States.Timeout') {
      const task = this.prepared.tasks.get(state.name);
      this.add('TaskTimedOut', 'taskTimedOutEventDetails', {
        ...taskResourceDetails(task?.resource ?? ''),
        ...errorDetails(event.Error, event.Cause),
      });
    }
  }

  private mapLength(name: string, input: unknown): number {
    const map = this.prepared.maps.get(name);
    try {
      const items = readPath(readPath(input, map?.inputPath), map?.itemsPath);
      return Array.isArray(items) ? items.length : 0;
    } catch {
      return 0;
    }
  }
}

export function errorDetails(error: string | undefined, cause: string | undefined): Record<string, string> {
  return { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
}

/** Dotted reference paths (`$`, `$.a.b`) only: enough for MapStateStarted's length; anything else counts 0. */
function readPath(value: unknown, path: string | undefined): unknown {
  if (!path || path === '$') return value;
  if (!/^\$(\.[\w-]+)+$/.test(path)) return undefined;
  return path
    .slice(2)
    .split('.')
    .reduce<unknown>(
      (current, key) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined),
      value,
    );
}
