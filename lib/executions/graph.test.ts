import { describe, expect, it } from 'vitest';
import { resolveConditions, resourcesOfType, sharedTemplate, type Json } from '@/infra/test/synth';
import { buildStateGraph, describeRule, END_ID, parseDefinition, START_ID, type StateGraph } from './graph';
import { layoutStateGraph } from './layout';
import { stateOutcomes } from './outcome';
import type { HistoryItem } from './types';

/** The TapStack's definition exactly as the synthesized template deploys it (parameters substituted). */
function tapStackDefinition(values: Record<string, string> = {}): string {
  const props = resourcesOfType(resolveConditions(sharedTemplate(), values), 'AWS::StepFunctions::StateMachine')[0]?.[1]
    .Properties;
  const join = (props?.DefinitionString as { 'Fn::Join': [string, Json[]] })['Fn::Join'];
  const substitutions: Record<string, string> = {
    Mode: 'dry-run',
    TargetAccountId: '111111111111',
    TargetRoleArn: 'arn:aws:iam::111111111111:role/TapStackTarget',
    ProtectedBucketNames: 'tap-data',
    ProtectedTableNames: 'Orders',
  };
  let text = join[1].map(String).join(join[0]);
  for (const [name, value] of Object.entries(substitutions)) text = text.replaceAll(`\${${name}}`, value);
  return text;
}

const edgesFrom = (graph: StateGraph, from: string) => graph.edges.filter((e) => e.from === from);
const node = (graph: StateGraph, id: string) => graph.nodes.find((n) => n.id === id);

describe('buildStateGraph on the TapStack workflow', () => {
  const definition = tapStackDefinition();
  const graph = buildStateGraph(definition);

  it('has a node per state, nested ones included, plus Start and End', () => {
    const states = graph.nodes.filter((n) => n.kind === 'state').map((n) => n.name);
    expect(states).toEqual(
      expect.arrayContaining(['Init', 'DecideDryRun', 'VerifyAlignment', 'CheckAlignment', 'RunChecks', 'Plan']),
    );
    expect(states).toEqual(expect.arrayContaining(['ReadBucket', 'IsTableCompliant', 'EnableTable', 'WorkflowFailed']));
    expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(graph.nodes.length);
    expect(edgesFrom(graph, START_ID)).toEqual([{ from: START_ID, to: 'Init', kind: 'next' }]);
  });

  it('turns Choice rules and Default into labelled edges', () => {
    const decide = edgesFrom(graph, 'DecideDryRun');
    expect(decide.map((e) => [e.to, e.kind])).toEqual([
      ['UseDryRun', 'choice'],
      ['UseApply', 'default'],
    ]);
    expect(decide[0]?.label).toMatch(/^\$\.configuredMode == "dry-run"/);
    expect(decide[0]?.label?.length).toBeLessThanOrEqual(30);
    expect(decide[0]?.title).toMatch(/^\$\.configuredMode == "dry-run" or \$\.request\.dryRun present and/);
    expect(edgesFrom(graph, 'CheckAlignment').map((e) => e.to)).toEqual(['RunChecks', 'ParametersMisaligned']);
  });

  it('draws Catch edges and ends Plan and the Fail states at End', () => {
    expect(edgesFrom(graph, 'VerifyAlignment')).toContainEqual({
      from: 'VerifyAlignment',
      to: 'WorkflowFailed',
      kind: 'catch',
      label: 'catch all',
    });
    for (const end of ['Plan', 'WorkflowFailed', 'ParametersMisaligned'])
      expect(edgesFrom(graph, end)).toEqual([{ from: end, to: END_ID, kind: 'next' }]);
  });

  it('makes Parallel and Map states groups entered by the state and left through a join', () => {
    expect(graph.groups.map((g) => [g.name, g.stateType, g.parent])).toEqual([
      ['RunChecks', 'Parallel', undefined],
      ['EachBucket', 'Map', 'RunChecks:group'],
      ['EachTable', 'Map', 'RunChecks:group'],
    ]);
    expect(edgesFrom(graph, 'RunChecks').map((e) => [e.to, e.kind])).toEqual([
      ['AnyBuckets', 'branch'],
      ['AnyTables', 'branch'],
    ]);
    // RunChecks' own Next and Catch leave from its join, after both branches.
    expect(edgesFrom(graph, 'RunChecks:join').map((e) => [e.to, e.kind])).toEqual([
      ['Plan', 'next'],
      ['WorkflowFailed', 'catch'],
    ]);
    expect(node(graph, 'ReadBucket')?.parent).toBe('EachBucket:group');
    expect(edgesFrom(graph, 'EachBucket').map((e) => e.to)).toEqual(['ReadBucket']);
    expect(edgesFrom(graph, 'BucketWouldEnable')).toEqual([{ from: 'BucketWouldEnable', to: 'EachBucket:join', kind: 'next' }]);
    expect(edgesFrom(graph, 'EachBucket:join').map((e) => e.to)).toEqual(['RunChecks:join']);
    expect(edgesFrom(graph, 'NoBuckets').map((e) => e.to)).toEqual(['RunChecks:join']);
  });

  it('every edge joins two known nodes', () => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const edge of graph.edges) expect(ids.has(edge.from) && ids.has(edge.to), `${edge.from} → ${edge.to}`).toBe(true);
  });

  it('lays out with dagre: every node placed, groups around their members, edges with points', () => {
    const layout = layoutStateGraph(graph);
    expect(layout.width).toBeGreaterThan(200);
    expect(layout.height).toBeGreaterThan(400);
    for (const n of layout.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
    const runChecks = layout.groups.find((g) => g.name === 'RunChecks')!;
    const read = layout.nodes.find((n) => n.id === 'ReadTable')!;
    expect(Math.abs(read.x - runChecks.x)).toBeLessThan(runChecks.width / 2);
    expect(Math.abs(read.y - runChecks.y)).toBeLessThan(runChecks.height / 2);
    const init = layout.nodes.find((n) => n.id === 'Init')!;
    const plan = layout.nodes.find((n) => n.id === 'Plan')!;
    expect(init.y).toBeLessThan(plan.y);
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
  });

  it('rejects text that is not a definition', () => {
    expect(() => parseDefinition('{"States":{}}')).toThrow(/not a state machine definition/);
  });

  it('describes rules briefly', () => {
    expect(describeRule({ Variable: '$.dryRun', BooleanEquals: true })).toBe('$.dryRun == true');
    expect(describeRule({ Not: { Variable: '$.x', IsPresent: true } })).toBe('not ($.x present)');
    expect(describeRule({ Variable: '$.a', StringEqualsPath: '$.b' })).toBe('$.a == $.b');
  });
});

/** A history in the shapes lib/aws/sfn-executions.ts maps GetExecutionHistory to. */
function history(...steps: Array<[string, string?, Partial<HistoryItem>?]>): HistoryItem[] {
  return steps.map(([type, stateName, extra], i) => ({
    id: i + 1,
    previousEventId: i,
    type,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    ...(stateName ? { stateName } : {}),
    ...extra,
  }));
}

const through = (...names: string[]): Array<[string, string]> =>
  names.flatMap((name) => [
    [`${typeOf(name)}StateEntered`, name],
    [`${typeOf(name)}StateExited`, name],
  ]);
const typeOf = (name: string) => ({ DecideDryRun: 'Choice', CheckAlignment: 'Choice', VerifyAlignment: 'Task' })[name] ?? 'Pass';
const STS = { resource: 'aws-sdk:sts:getCallerIdentity' };

describe('stateOutcomes on the TapStack workflow', () => {
  const definition = parseDefinition(tapStackDefinition());

  it('a misaligned run: the path succeeded, the Fail state failed, the checks were not reached', () => {
    const events = history(
      ['ExecutionStarted'],
      ...through('Init', 'DecideDryRun', 'UseDryRun'),
      ['TaskStateEntered', 'VerifyAlignment'],
      ['TaskScheduled', undefined, STS],
      ['TaskSucceeded', undefined, STS],
      ['TaskStateExited', 'VerifyAlignment'],
      ...through('CheckAlignment'),
      ['FailStateEntered', 'ParametersMisaligned'],
      ['ExecutionFailed', undefined, { error: 'ParametersMisaligned' }],
    );
    const outcomes = stateOutcomes(definition, events, 'FAILED');
    expect(Object.fromEntries(outcomes)).toEqual({
      Init: 'succeeded',
      DecideDryRun: 'succeeded',
      UseDryRun: 'succeeded',
      VerifyAlignment: 'succeeded',
      CheckAlignment: 'succeeded',
      ParametersMisaligned: 'failed',
    });
    expect(outcomes.get('RunChecks')).toBeUndefined();
  });

  it('a throttled call that succeeded on retry is retried; a failure caught by Catch is caught', () => {
    const retried = history(
      ['ExecutionStarted'],
      ...through('Init', 'DecideDryRun', 'UseDryRun'),
      ['TaskStateEntered', 'VerifyAlignment'],
      ['TaskFailed', undefined, { ...STS, error: 'Sts.ThrottlingException' }],
      ['TaskSucceeded', undefined, STS],
      ['TaskStateExited', 'VerifyAlignment'],
    );
    expect(stateOutcomes(definition, retried, 'RUNNING').get('VerifyAlignment')).toBe('retried');

    const caught = history(
      ['ExecutionStarted'],
      ...through('Init', 'DecideDryRun', 'UseDryRun'),
      ['TaskStateEntered', 'VerifyAlignment'],
      ['TaskFailed', undefined, { ...STS, error: 'Sts.AccessDenied' }],
      ['TaskStateExited', 'VerifyAlignment'],
      ['FailStateEntered', 'WorkflowFailed'],
      ['ExecutionFailed', undefined, { error: 'Sts.AccessDenied' }],
    );
    const outcomes = stateOutcomes(definition, caught, 'FAILED');
    expect(outcomes.get('VerifyAlignment')).toBe('caught');
    expect(outcomes.get('WorkflowFailed')).toBe('failed');
  });

  it('an uncaught failure fails the state it happened in', () => {
    const events = history(
      ['ExecutionStarted'],
      ['TaskStateEntered', 'ReadBucket'],
      ['TaskFailed', undefined, { resource: 'aws-sdk:s3:getBucketVersioning', error: 'S3.NoSuchBucket' }],
      ['ExecutionFailed'],
    );
    expect(stateOutcomes(definition, events, 'FAILED').get('ReadBucket')).toBe('failed');
  });

  it('states still open while the execution runs are running', () => {
    const events = history(
      ['ExecutionStarted'],
      ...through('Init'),
      ['ParallelStateEntered', 'RunChecks'],
      ['TaskStateEntered', 'ReadTable'],
    );
    const outcomes = stateOutcomes(definition, events, 'RUNNING');
    expect(outcomes.get('RunChecks')).toBe('running');
    expect(outcomes.get('ReadTable')).toBe('running');
    expect(outcomes.get('Init')).toBe('succeeded');
  });

  it('a successful dry run succeeds through the Map iterations (several entries of one state)', () => {
    const events = history(
      ['ExecutionStarted'],
      ...through('Init', 'DecideDryRun', 'UseDryRun', 'VerifyAlignment', 'CheckAlignment'),
      ['ParallelStateEntered', 'RunChecks'],
      ['MapStateEntered', 'EachBucket'],
      ['TaskStateEntered', 'ReadBucket'],
      ['TaskStateEntered', 'ReadBucket'],
      ['TaskStateExited', 'ReadBucket'],
      ['TaskStateExited', 'ReadBucket'],
      ['MapStateExited', 'EachBucket'],
      ['ParallelStateExited', 'RunChecks'],
      ...through('Plan'),
      ['ExecutionSucceeded'],
    );
    const outcomes = stateOutcomes(definition, events, 'SUCCEEDED');
    expect(outcomes.get('ReadBucket')).toBe('succeeded');
    expect(outcomes.get('RunChecks')).toBe('succeeded');
    expect(outcomes.get('Plan')).toBe('succeeded');
  });
});
