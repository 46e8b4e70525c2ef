import { catchTargets, taskResources } from './graph';
import type { ExecutionStatus, HistoryItem } from './types';

/** What happened to one state in one execution; the graph colours each state by it. */
export type StateOutcome = 'succeeded' | 'failed' | 'caught' | 'retried' | 'running' | 'not-reached';

export const OUTCOME_ORDER: StateOutcome[] = ['succeeded', 'retried', 'caught', 'failed', 'running', 'not-reached'];

export const OUTCOME_LABELS: Record<StateOutcome, string> = {
  succeeded: 'Succeeded',
  retried: 'Succeeded after retry',
  caught: 'Failed, caught',
  failed: 'Failed',
  running: 'Running',
  'not-reached': 'Not reached',
};

interface Tally {
  entered: number;
  exited: number;
  firstEnteredAt: number;
  failures: number;
  /** a task success or exit after the last failure */
  recovered: boolean;
  isFailState: boolean;
}

const TASK_FAILURES = new Set(['TaskFailed', 'TaskTimedOut', 'TaskStartFailed', 'TaskSubmitFailed']);
const EXECUTION_ENDS = new Set(['ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted', 'ExecutionSucceeded']);

type Definition = Parameters<typeof taskResources>[0];

/**
 * Each state's outcome from the execution's history (events in any order; sorted by id here). Task events carry
 * no state name: they are attributed by their resource when exactly one Task state calls it, otherwise to the
 * Task state entered most recently (Map iterations and Parallel branches interleave, so the resource is the
 * better key). A state that failed is `caught` when one of its Catch targets was entered after it, `retried`
 * when it succeeded after the failure, else `failed`; a state still open when the execution ended failed with it.
 */
export function stateOutcomes(
  definition: Definition,
  history: HistoryItem[],
  status: ExecutionStatus,
): Map<string, StateOutcome> {
  const events = [...history].sort((a, b) => a.id - b.id);
  const byResource = resourceOwners(definition);
  const catches = catchTargets(definition);
  const tallies = new Map<string, Tally>();
  const enteredOrder: string[] = [];
  const tally = (name: string) => {
    let t = tallies.get(name);
    if (!t) {
      t = { entered: 0, exited: 0, firstEnteredAt: Infinity, failures: 0, recovered: false, isFailState: false };
      tallies.set(name, t);
    }
    return t;
  };
  const lastOpen = (predicate: (name: string) => boolean = () => true): string | undefined => {
    for (let i = enteredOrder.length - 1; i >= 0; i--) {
      const name = enteredOrder[i]!;
      const t = tallies.get(name)!;
      if (t.entered > t.exited && predicate(name)) return name;
    }
    return undefined;
  };
  const taskTypes = new Set(taskResources(definition).keys());
  const taskOwner = (event: HistoryItem) =>
    (event.resource && byResource.get(event.resource)) ?? lastOpen((name) => taskTypes.has(name));

  events.forEach((event, index) => {
    if (event.type.endsWith('StateEntered') && event.stateName) {
      const t = tally(event.stateName);
      t.entered += 1;
      t.firstEnteredAt = Math.min(t.firstEnteredAt, index);
      if (event.type === 'FailStateEntered') t.isFailState = true;
      enteredOrder.push(event.stateName);
    } else if (event.type.endsWith('StateExited') && event.stateName) {
      const t = tally(event.stateName);
      t.exited += 1;
      if (t.failures > 0) t.recovered = true;
    } else if (TASK_FAILURES.has(event.type)) {
      const owner = taskOwner(event);
      if (owner) Object.assign(tally(owner), { failures: tally(owner).failures + 1, recovered: false });
    } else if (event.type === 'TaskSucceeded') {
      const owner = taskOwner(event);
      if (owner && tally(owner).failures > 0) tally(owner).recovered = true;
    } else if (event.type === 'MapStateFailed' || event.type === 'ParallelStateFailed') {
      const kind = event.type.startsWith('Map') ? 'MapStateEntered' : 'ParallelStateEntered';
      const owner = event.stateName ?? lastOpenOfType(events, index, kind, tallies);
      if (owner) Object.assign(tally(owner), { failures: tally(owner).failures + 1, recovered: false });
    }
  });

  const ended = status !== 'RUNNING';
  const endIndex = events.findIndex((e) => EXECUTION_ENDS.has(e.type));
  const outcomes = new Map<string, StateOutcome>();
  for (const [name, t] of tallies) {
    if (t.entered === 0) continue;
    const caught = [...(catches.get(name) ?? [])].some(
      (target) => (tallies.get(target)?.firstEnteredAt ?? -1) > t.firstEnteredAt,
    );
    const open = t.entered > t.exited;
    if (t.isFailState) outcomes.set(name, 'failed');
    else if (t.failures > 0 && caught) outcomes.set(name, 'caught');
    else if (open && !ended && endIndex < 0) outcomes.set(name, 'running');
    else if (t.failures > 0) outcomes.set(name, t.recovered && !open ? 'retried' : 'failed');
    else if (open && ended) outcomes.set(name, caught ? 'caught' : status === 'SUCCEEDED' ? 'succeeded' : 'failed');
    else outcomes.set(name, 'succeeded');
  }
  return outcomes;
}

/** The outcome of a state by name; states the history never entered were not reached. */
export function outcomeOf(outcomes: Map<string, StateOutcome>, name: string): StateOutcome {
  return outcomes.get(name) ?? 'not-reached';
}

/** `aws-sdk:sts:getCallerIdentity` → the one Task state calling it (tasks called by several states are left out). */
function resourceOwners(definition: Definition): Map<string, string> {
  const owners = new Map<string, string | null>();
  for (const [name, resource] of taskResources(definition)) {
    const key = resource.replace(/^arn:aws[\w-]*:states:[^:]*:[^:]*:/, '');
    owners.set(key, owners.has(key) ? null : name);
  }
  return new Map([...owners].filter((entry): entry is [string, string] => entry[1] !== null));
}

function lastOpenOfType(events: HistoryItem[], before: number, enteredType: string, tallies: Map<string, Tally>) {
  for (let i = before - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === enteredType && e.stateName) {
      const t = tallies.get(e.stateName);
      if (t && t.entered > t.exited) return e.stateName;
    }
  }
  return undefined;
}
