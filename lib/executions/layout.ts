import dagre from '@dagrejs/dagre';
import type { EdgeKind, GraphNode, StateGraph } from './graph';

/**
 * Positions for a state graph, computed with dagre (top to bottom, groups as compound nodes). Runs on the server
 * when the execution page renders, so the browser receives plain coordinates and no layout code.
 */
export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedGroup {
  id: string;
  name: string;
  stateType: 'Parallel' | 'Map';
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  title?: string;
  points: Array<{ x: number; y: number }>;
  labelAt?: { x: number; y: number };
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
}

const CHAR_WIDTH = 6.6;
const LABEL_CHAR_WIDTH = 5.4;

export function nodeSize(node: GraphNode): { width: number; height: number } {
  if (node.kind === 'start' || node.kind === 'end') return { width: 56, height: 26 };
  if (node.kind === 'join') return { width: 12, height: 12 };
  return { width: Math.max(96, Math.round(node.name.length * CHAR_WIDTH + 28)), height: 38 };
}

export function layoutStateGraph(graph: StateGraph): GraphLayout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 32, edgesep: 10, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of graph.groups) g.setNode(group.id, { width: 0, height: 0, paddingTop: 24 });
  for (const node of graph.nodes) g.setNode(node.id, { ...nodeSize(node) });
  for (const group of graph.groups) if (group.parent) g.setParent(group.id, group.parent);
  for (const node of graph.nodes) if (node.parent) g.setParent(node.id, node.parent);
  graph.edges.forEach((edge, index) => {
    const label = edge.label
      ? { width: Math.round(edge.label.length * LABEL_CHAR_WIDTH + 8), height: 16, labelpos: 'c' as const }
      : {};
    g.setEdge(edge.from, edge.to, { ...label, minlen: 1 }, String(index));
  });
  dagre.layout(g);

  const nodes: PlacedNode[] = graph.nodes.map((node) => {
    const placed = g.node(node.id);
    return { ...node, x: placed.x ?? 0, y: placed.y ?? 0, width: placed.width, height: placed.height };
  });
  const groups: PlacedGroup[] = graph.groups.map((group) => {
    const placed = g.node(group.id);
    return {
      id: group.id,
      name: group.name,
      stateType: group.stateType,
      x: placed.x ?? 0,
      y: placed.y ?? 0,
      width: placed.width,
      height: placed.height,
    };
  });
  const edges: PlacedEdge[] = graph.edges.map((edge, index) => {
    const placed = g.edge({ v: edge.from, w: edge.to, name: String(index) });
    return {
      ...edge,
      points: (placed?.points ?? []).map((p: { x: number; y: number }) => ({ x: round(p.x), y: round(p.y) })),
      ...(edge.label && placed?.x !== undefined && placed.y !== undefined ? { labelAt: { x: placed.x, y: placed.y } } : {}),
    };
  });
  const label = g.graph();
  return { width: Math.ceil(label.width ?? 0), height: Math.ceil(label.height ?? 0), nodes, groups, edges };
}

const round = (n: number) => Math.round(n * 10) / 10;
