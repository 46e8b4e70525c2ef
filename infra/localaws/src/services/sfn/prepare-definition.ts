/**
 * Turns a stored definition into the one the engine runs, without changing what the API shows:
 *   - every duration (Retry IntervalSeconds/MaxDelaySeconds, Wait Seconds, Task and execution TimeoutSeconds) is
 *     divided by the clock's speed, so backoff keeps its shape but runs faster (the library is given fractional
 *     seconds, which is why its own validation is off: CreateStateMachine validated the real definition);
 *   - a Fail state whose ErrorPath/CausePath is an intrinsic function (States.Format(...), which the library's Fail
 *     cannot evaluate) becomes a Pass computing them plus a hidden Fail; history reports it as the one Fail state;
 *   - Task states are collected by name, as the library's local handlers are keyed by state name;
 *   - a Pass state whose `Result` is falsy (`false`, `0`, `""`, `null`), which the library mistakes for no Result
 *     (it passes its input through instead), gets that value as its `Parameters`: the library returns a
 *     non-object Parameters as is, and a Pass without Result outputs its effective input, so ResultPath/OutputPath
 *     apply to the Result as AWS does (Parameters is discarded when Result is set, so nothing else changes);
 *   - every transition (Next, Default, a Choice rule's Next, a Catch's Next) goes through a hidden gate: a Task the
 *     runner serves with a function that passes its input through and yields the event loop when the execution
 *     has run for a time slice. The library awaits only settled promises between Pass/Choice states, so without a
 *     gate a Pass → Choice → Pass loop never lets the server answer anything else (health, StopExecution, timers).
 */
export interface TaskInfo {
  resource: string;
  /** `Credentials.RoleArn` when given as a literal (the TapStack's form). */
  roleArn?: string;
  timeoutSeconds?: number;
}

export interface PreparedDefinition {
  definition: Record<string, unknown>;
  tasks: Map<string, TaskInfo>;
  waits: string[];
  /** Map state name -> its ItemsPath/InputPath, for MapStateStarted's length. */
  maps: Map<string, { itemsPath?: string; inputPath?: string }>;
  /** Fail states rewritten as Pass + hidden Fail: visible name -> hidden name. */
  rewrittenFails: Map<string, string>;
  /** The hidden gate states (see above), by name: each needs the runner's yield handler. */
  gates: Set<string>;
  usesJsonata: boolean;
}

type Json = Record<string, unknown>;
const HIDDEN_SUFFIX = '#localaws-fail';
const GATE_SUFFIX = '#localaws-gate';
/** Never called: the runner serves every gate with a local handler. */
const GATE_RESOURCE = 'arn:aws:states:::localaws:gate';
const isIntrinsic = (path: unknown) => typeof path === 'string' && path.startsWith('States.');

export function isHiddenState(name: string): boolean {
  return name.endsWith(HIDDEN_SUFFIX) || name.endsWith(GATE_SUFFIX);
}

export function prepareDefinition(text: string, speed: number): PreparedDefinition {
  const definition = JSON.parse(text) as Json;
  const out: PreparedDefinition = {
    definition,
    tasks: new Map(),
    waits: [],
    maps: new Map(),
    rewrittenFails: new Map(),
    gates: new Set(),
    usesJsonata: false,
  };
  const scale = (seconds: unknown) => (typeof seconds === 'number' ? seconds / speed : seconds);
  const visit = (machine: Json) => {
    if (machine.QueryLanguage === 'JSONata') out.usesJsonata = true;
    if (machine.TimeoutSeconds !== undefined) machine.TimeoutSeconds = scale(machine.TimeoutSeconds);
    const states = (machine.States ?? {}) as Record<string, Json>;
    for (const [name, state] of Object.entries(states)) {
      if (state.QueryLanguage === 'JSONata') out.usesJsonata = true;
      for (const retrier of (state.Retry ?? []) as Json[]) {
        retrier.IntervalSeconds = scale(retrier.IntervalSeconds ?? 1);
        if (retrier.MaxDelaySeconds !== undefined) retrier.MaxDelaySeconds = scale(retrier.MaxDelaySeconds);
      }
      switch (state.Type) {
        case 'Task': {
          const credentials = state.Credentials as Json | undefined;
          if (!out.tasks.has(name)) {
            out.tasks.set(name, {
              resource: String(state.Resource ?? ''),
              roleArn: typeof credentials?.RoleArn === 'string' && credentials.RoleArn !== '' ? credentials.RoleArn : undefined,
              timeoutSeconds: typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined,
            });
          }
          if (state.TimeoutSeconds !== undefined) state.TimeoutSeconds = scale(state.TimeoutSeconds);
          break;
        }
        case 'Wait':
          out.waits.push(name);
          if (state.Seconds !== undefined) state.Seconds = scale(state.Seconds);
          break;
        case 'Map':
          out.maps.set(name, {
            itemsPath: state.ItemsPath as string | undefined,
            inputPath: state.InputPath as string | undefined,
          });
          visit((state.ItemProcessor ?? state.Iterator ?? {}) as Json);
          break;
        case 'Parallel':
          for (const branch of (state.Branches ?? []) as Json[]) visit(branch);
          break;
        case 'Pass':
          if ('Result' in state && !state.Result) {
            state.Parameters = state.Result;
            delete state.Result;
          }
          break;
        case 'Fail':
          if (isIntrinsic(state.CausePath) || isIntrinsic(state.ErrorPath)) rewriteFail(states, name, state, out);
          break;
      }
    }
    addGates(states, out);
  };
  visit(definition);
  return out;
}

function rewriteFail(states: Record<string, Json>, name: string, state: Json, out: PreparedDefinition): void {
  const hidden = `${name}${HIDDEN_SUFFIX}`;
  const parameters: Json = {};
  if (state.ErrorPath !== undefined) parameters['Error.$'] = state.ErrorPath;
  else if (state.Error !== undefined) parameters.Error = state.Error;
  if (state.CausePath !== undefined) parameters['Cause.$'] = state.CausePath;
  else if (state.Cause !== undefined) parameters.Cause = state.Cause;
  states[name] = { Type: 'Pass', Parameters: parameters, Next: hidden };
  states[hidden] = {
    Type: 'Fail',
    ...(parameters.Error !== undefined || parameters['Error.$'] !== undefined ? { ErrorPath: '$.Error' } : {}),
    ...(parameters.Cause !== undefined || parameters['Cause.$'] !== undefined ? { CausePath: '$.Cause' } : {}),
  };
  out.rewrittenFails.set(name, hidden);
}

/** Points every transition of one (sub)machine at a hidden gate in front of its target (see the header). */
function addGates(states: Record<string, Json>, out: PreparedDefinition): void {
  const gateOf = (target: unknown): unknown => {
    if (typeof target !== 'string' || isHiddenState(target) || !(target in states)) return target;
    const gate = `${target}${GATE_SUFFIX}`;
    // No ResultPath: the handler returns its input, so the target sees exactly what the source state output.
    states[gate] ??= { Type: 'Task', Resource: GATE_RESOURCE, Next: target };
    out.gates.add(gate);
    return gate;
  };
  for (const [name, state] of Object.entries(states)) {
    if (isHiddenState(name)) continue;
    if (state.Next !== undefined) state.Next = gateOf(state.Next);
    if (state.Default !== undefined) state.Default = gateOf(state.Default);
    for (const rule of (Array.isArray(state.Choices) ? state.Choices : []) as Json[]) rule.Next = gateOf(rule.Next);
    for (const catcher of (Array.isArray(state.Catch) ? state.Catch : []) as Json[]) catcher.Next = gateOf(catcher.Next);
  }
}
