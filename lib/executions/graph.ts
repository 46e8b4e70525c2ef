/**
 * A state machine's definition (Amazon States Language, JSONPath) as a graph of nodes and edges, and each
 * state's outcome in one execution from its history. Pure: the execution page lays the graph out with dagre
 * (./layout.ts) and draws it; tests run both on the TapStack's real definition.
 *
 * Shape: a Start node, one node per state, an End node. Next/End, each Choice rule and Default, and each Catch
 * become edges. A Parallel or Map state becomes a group (a box around its inner states) with the state's own node
 * as its entry and a small join node as its exit: entry → each branch's StartAt, each branch's ends → join, and
 * the state's Next/Catch leave from the join.
 */

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'branch';

export interface GraphNode {
  id: string;
  /** The state's name (history events name states); 'Start'/'End' for the terminals. */
  name: string;
  kind: 'start' | 'end' | 'state' | 'join';
  /** Task, Pass, Choice, Parallel, Map, Fail, Succeed, Wait */
  stateType?: string;
  /** The group (Parallel/Map) the node sits in. */
  parent?: string;
}

export interface GraphGroup {
  id: string;
  /** The Parallel or Map state's name. */
  name: string;
  stateType: 'Parallel' | 'Map';
  parent?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** short, drawn on the edge */
  label?: string;
  /** the whole rule, when the label had to be cut */
  title?: string;
}

export interface StateGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups: GraphGroup[];
}

export const START_ID = '__start__';
/** Edge labels are cut here: long rules would widen the layout (dagre gives labels room). */
const LABEL_MAX = 30;
export const END_ID = '__end__';

interface Scope {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
}

/** Parses the definition text; throws a readable error when it is not one. */
export function parseDefinition(text: string): Scope {
  const value: unknown = JSON.parse(text);
  if (!isScope(value)) throw new Error('not a state machine definition (no StartAt and States)');
  return value;
}

function isScope(value: unknown): value is Scope {
  const v = value as Partial<Scope> | null;
  return !!v && typeof v === 'object' && typeof v.StartAt === 'string' && !!v.States && typeof v.States === 'object';
}

/** The graph of a definition (parsed or as text). */
export function buildStateGraph(definition: string | Scope): StateGraph {
  const root = typeof definition === 'string' ? parseDefinition(definition) : definition;
  const graph: StateGraph = { nodes: [], edges: [], groups: [] };
  graph.nodes.push({ id: START_ID, name: 'Start', kind: 'start' });
  graph.nodes.push({ id: END_ID, name: 'End', kind: 'end' });
  const used = new Set<string>();
  addScope(graph, root, { from: START_ID, exit: END_ID, parent: undefined, used });
  return graph;
}

interface ScopeContext {
  /** The node that leads into the scope's StartAt. */
  from: string;
  /** Where End: true (and Succeed/Fail) states lead: the End node, or the enclosing group's join. */
  exit: string;
  parent: string | undefined;
  used: Set<string>;
}

function addScope(graph: StateGraph, scope: Scope, ctx: ScopeContext): void {
  // State names are unique in a whole definition on AWS, but a node id must be unique even if they were not.
  const ids = new Map<string, string>();
  for (const name of Object.keys(scope.States)) {
    let id = name;
    for (let n = 2; ctx.used.has(id); n++) id = `${name}#${n}`;
    ctx.used.add(id);
    ids.set(name, id);
  }
  const idOf = (name: unknown) => (typeof name === 'string' ? ids.get(name) : undefined);

  const start = idOf(scope.StartAt);
  if (start) graph.edges.push({ from: ctx.from, to: start, kind: ctx.from === START_ID ? 'next' : 'branch' });

  for (const [name, state] of Object.entries(scope.States)) {
    const id = ids.get(name)!;
    const type = typeof state.Type === 'string' ? state.Type : 'Unknown';
    graph.nodes.push({ id, name, kind: 'state', stateType: type, parent: ctx.parent });
    const edge = (from: string, to: string | undefined, kind: EdgeKind, label?: string) => {
      if (to) graph.edges.push({ from, to, kind, ...(label ? { label } : {}) });
    };

    // Where the state's own transitions leave from: the join of its group, or the node itself.
    let out = id;
    if (type === 'Parallel' || type === 'Map') {
      const groupId = `${id}:group`;
      const join = `${id}:join`;
      graph.groups.push({ id: groupId, name, stateType: type, parent: ctx.parent });
      // The entry node belongs to the group it opens.
      graph.nodes[graph.nodes.length - 1]!.parent = groupId;
      graph.nodes.push({ id: join, name, kind: 'join', stateType: type, parent: groupId });
      const inner = type === 'Parallel' ? branchesOf(state) : processorOf(state);
      for (const branch of inner) addScope(graph, branch, { from: id, exit: join, parent: groupId, used: ctx.used });
      out = join;
    }

    if (type === 'Choice') {
      const choices = Array.isArray(state.Choices) ? (state.Choices as Array<Record<string, unknown>>) : [];
      for (const rule of choices) {
        const to = idOf(rule.Next);
        const label = describeRule(rule, LABEL_MAX);
        const full = describeRule(rule, Infinity);
        if (to) graph.edges.push({ from: out, to, kind: 'choice', label, ...(full !== label ? { title: full } : {}) });
      }
      edge(out, idOf(state.Default), 'default', 'default');
    } else if (type === 'Succeed' || type === 'Fail' || state.End === true) {
      edge(out, ctx.exit, 'next');
    } else {
      edge(out, idOf(state.Next), 'next');
    }
    const catchers = Array.isArray(state.Catch) ? (state.Catch as Array<Record<string, unknown>>) : [];
    for (const catcher of catchers) edge(out, idOf(catcher.Next), 'catch', errorsLabel(catcher.ErrorEquals));
  }
}

function branchesOf(state: Record<string, unknown>): Scope[] {
  return Array.isArray(state.Branches) ? state.Branches.filter(isScope) : [];
}

function processorOf(state: Record<string, unknown>): Scope[] {
  // ItemProcessor today; Iterator in older definitions.
  const processor = state.ItemProcessor ?? state.Iterator;
  return isScope(processor) ? [processor] : [];
}

function errorsLabel(errors: unknown): string {
  const list = Array.isArray(errors) ? errors.map(String) : [];
  return `catch ${list.length === 1 && list[0] === 'States.ALL' ? 'all' : list.join(', ')}`.trim();
}

const COMPARATORS: Record<string, string> = {
  StringEquals: '==',
  StringEqualsPath: '==',
  BooleanEquals: '==',
  NumericEquals: '==',
  NumericEqualsPath: '==',
  NumericGreaterThan: '>',
  NumericGreaterThanEquals: '>=',
  NumericLessThan: '<',
  NumericLessThanEquals: '<=',
  StringMatches: '~',
  IsPresent: 'present',
  IsNull: 'null',
};

/** A Choice rule in a few words: `$.dryRun == true`, `$.a present and $.a == "x"`. */
export function describeRule(rule: Record<string, unknown>, max = 48): string {
  const text = ruleText(rule);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function ruleText(rule: Record<string, unknown>): string {
  if (Array.isArray(rule.And)) return (rule.And as Array<Record<string, unknown>>).map(ruleText).join(' and ');
  if (Array.isArray(rule.Or)) return (rule.Or as Array<Record<string, unknown>>).map(ruleText).join(' or ');
  if (rule.Not && typeof rule.Not === 'object') return `not (${ruleText(rule.Not as Record<string, unknown>)})`;
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '';
  for (const [key, symbol] of Object.entries(COMPARATORS)) {
    if (!(key in rule)) continue;
    const value = rule[key];
    if (symbol === 'present' || symbol === 'null') return value === false ? `${variable} not ${symbol}` : `${variable} ${symbol}`;
    const shown = key.endsWith('Path') ? String(value) : JSON.stringify(value);
    return `${variable} ${symbol} ${shown}`;
  }
  const other = Object.keys(rule).find((key) => key !== 'Variable' && key !== 'Next');
  return other ? `${variable} ${other}` : variable;
}

/** Every Task state's resource, by state name (to attribute Task events, which carry no state name). */
export function taskResources(definition: Scope): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (scope: Scope) => {
    for (const [name, state] of Object.entries(scope.States)) {
      if (state.Type === 'Task' && typeof state.Resource === 'string') out.set(name, state.Resource);
      const inner = state.Type === 'Parallel' ? branchesOf(state) : state.Type === 'Map' ? processorOf(state) : [];
      inner.forEach(walk);
    }
  };
  walk(definition);
  return out;
}

/** Catch targets of every state that has any, by state name. */
export function catchTargets(definition: Scope): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (scope: Scope) => {
    for (const [name, state] of Object.entries(scope.States)) {
      const catchers = Array.isArray(state.Catch) ? (state.Catch as Array<Record<string, unknown>>) : [];
      const targets = catchers.map((c) => c.Next).filter((next): next is string => typeof next === 'string');
      if (targets.length) out.set(name, new Set(targets));
      const inner = state.Type === 'Parallel' ? branchesOf(state) : state.Type === 'Map' ? processorOf(state) : [];
      inner.forEach(walk);
    }
  };
  walk(definition);
  return out;
}
