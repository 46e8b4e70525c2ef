import type { GraphLayout, PlacedEdge, PlacedNode } from '@/lib/executions/layout';
import { OUTCOME_LABELS, OUTCOME_ORDER, type StateOutcome } from '@/lib/executions/outcome';

/**
 * The state machine drawn as SVG from positions dagre computed on the server (lib/executions/layout.ts), each
 * state coloured by its outcome in this execution. No client code: the page refreshes while the run goes on.
 */
const NODE_CLASSES: Record<StateOutcome, { box: string; text: string }> = {
  succeeded: { box: 'fill-emerald-50 stroke-emerald-500', text: 'fill-emerald-900' },
  retried: { box: 'fill-amber-50 stroke-amber-500', text: 'fill-amber-900' },
  caught: { box: 'fill-orange-50 stroke-orange-500', text: 'fill-orange-900' },
  failed: { box: 'fill-rose-50 stroke-rose-600', text: 'fill-rose-900' },
  running: { box: 'fill-sky-50 stroke-sky-500 animate-pulse', text: 'fill-sky-900' },
  'not-reached': { box: 'fill-white stroke-slate-300', text: 'fill-slate-400' },
};

const SWATCH: Record<StateOutcome, string> = {
  succeeded: 'bg-emerald-50 ring-emerald-500',
  retried: 'bg-amber-50 ring-amber-500',
  caught: 'bg-orange-50 ring-orange-500',
  failed: 'bg-rose-50 ring-rose-600',
  running: 'bg-sky-50 ring-sky-500',
  'not-reached': 'bg-white ring-slate-300',
};

const MIN_READABLE_WIDTH = 960;

export function ExecutionGraph({
  layout,
  outcomes,
  ended,
}: {
  layout: GraphLayout;
  outcomes: Record<string, StateOutcome>;
  /** whether the execution stopped (the End node is reached only then) */
  ended: boolean;
}) {
  const outcomeOf = (node: PlacedNode): StateOutcome => {
    if (node.kind === 'start') return 'succeeded';
    if (node.kind === 'end') return ended ? 'succeeded' : 'not-reached';
    return outcomes[node.name] ?? 'not-reached';
  };
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  const reached = (id: string) => {
    const node = byId.get(id);
    return node ? outcomeOf(node) !== 'not-reached' : false;
  };

  return (
    <div className="overflow-x-auto px-2 py-3" data-testid="execution-graph">
      {layout.width > MIN_READABLE_WIDTH / 2 && (
        <p className="sticky left-0 px-2 pb-2 text-xs text-slate-500 sm:hidden">Scroll sideways to see the whole graph.</p>
      )}
      <svg
        role="img"
        aria-label="State machine graph coloured by each state's outcome"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        // Fits the card on wide screens, down to a size where the names stay readable; narrower screens scroll.
        style={{ width: '100%', maxWidth: layout.width, minWidth: Math.min(layout.width, MIN_READABLE_WIDTH), height: 'auto' }}
        className="mx-auto block font-sans"
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="fill-slate-400" />
          </marker>
          <marker
            id="arrow-taken"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className="fill-slate-700" />
          </marker>
        </defs>
        {layout.groups.map((group) => (
          <g key={group.id} data-testid="graph-group" data-group={group.name}>
            <rect
              x={group.x - group.width / 2}
              y={group.y - group.height / 2}
              width={group.width}
              height={group.height}
              rx={10}
              className="fill-slate-50/60 stroke-slate-300"
              strokeDasharray="4 3"
            />
            <text x={group.x - group.width / 2 + 8} y={group.y - group.height / 2 + 14} className="fill-slate-500 text-[10px]">
              {group.name} · {group.stateType === 'Map' ? 'Map (each item)' : 'Parallel'}
            </text>
          </g>
        ))}
        {layout.edges.map((edge, index) => (
          <Edge key={index} edge={edge} taken={reached(edge.from) && reached(edge.to)} />
        ))}
        {layout.nodes.map((node) => (
          <Node key={node.id} node={node} outcome={outcomeOf(node)} />
        ))}
      </svg>
    </div>
  );
}

function Edge({ edge, taken }: { edge: PlacedEdge; taken: boolean }) {
  if (edge.points.length < 2) return null;
  const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const stroke =
    edge.kind === 'catch' ? (taken ? 'stroke-orange-500' : 'stroke-orange-300') : taken ? 'stroke-slate-700' : 'stroke-slate-300';
  return (
    <g data-edge-kind={edge.kind}>
      {edge.title && <title>{edge.title}</title>}
      <path
        d={d}
        fill="none"
        className={stroke}
        strokeWidth={taken ? 1.6 : 1.2}
        strokeDasharray={edge.kind === 'catch' || edge.kind === 'default' ? '5 3' : undefined}
        markerEnd={`url(#${taken ? 'arrow-taken' : 'arrow'})`}
      />
      {edge.label && edge.labelAt && (
        <g>
          <rect
            x={edge.labelAt.x - (edge.label.length * 5.4 + 8) / 2}
            y={edge.labelAt.y - 8}
            width={edge.label.length * 5.4 + 8}
            height={16}
            rx={3}
            className="fill-white"
          />
          <text
            x={edge.labelAt.x}
            y={edge.labelAt.y + 3.5}
            textAnchor="middle"
            className={`text-[9.5px] ${edge.kind === 'catch' ? 'fill-orange-700' : 'fill-slate-500'}`}
          >
            {edge.label}
          </text>
        </g>
      )}
    </g>
  );
}

function Node({ node, outcome }: { node: PlacedNode; outcome: StateOutcome }) {
  const classes = NODE_CLASSES[outcome];
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  if (node.kind === 'join') {
    return <circle cx={node.x} cy={node.y} r={5} className={classes.box} strokeWidth={1.5} />;
  }
  if (node.kind === 'start' || node.kind === 'end') {
    return (
      <g data-testid="graph-terminal">
        <rect
          x={left}
          y={top}
          width={node.width}
          height={node.height}
          rx={node.height / 2}
          className={classes.box}
          strokeWidth={1.5}
        />
        <text x={node.x} y={node.y + 4} textAnchor="middle" className={`text-[11px] font-medium ${classes.text}`}>
          {node.name}
        </text>
      </g>
    );
  }
  return (
    <g data-testid="graph-state" data-state={node.name} data-outcome={outcome}>
      <title>{`${node.name} (${node.stateType}): ${OUTCOME_LABELS[outcome]}`}</title>
      <rect
        x={left}
        y={top}
        width={node.width}
        height={node.height}
        rx={node.stateType === 'Choice' ? 16 : 6}
        className={classes.box}
        strokeWidth={outcome === 'not-reached' ? 1 : 1.8}
        strokeDasharray={outcome === 'not-reached' ? '3 2' : undefined}
      />
      <text x={node.x} y={node.y - 1} textAnchor="middle" className={`text-[12px] font-medium ${classes.text}`}>
        {node.name}
      </text>
      <text x={node.x} y={node.y + 12} textAnchor="middle" className="fill-slate-500 text-[9px]">
        {node.stateType}
      </text>
    </g>
  );
}

/** What each colour means, with how many states had each outcome. */
export function OutcomeLegend({ outcomes }: { outcomes: Record<string, StateOutcome> }) {
  const counts = new Map<StateOutcome, number>();
  for (const outcome of Object.values(outcomes)) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return (
    <ul
      className="flex flex-wrap gap-x-4 gap-y-1.5 border-t border-slate-100 px-4 py-3 text-xs text-slate-600"
      aria-label="Legend"
    >
      {OUTCOME_ORDER.map((outcome) => (
        <li key={outcome} className="flex items-center gap-1.5">
          <span aria-hidden className={`inline-block h-3 w-4 rounded-sm ring-1 ring-inset ${SWATCH[outcome]}`} />
          {OUTCOME_LABELS[outcome]}
          {outcome !== 'not-reached' && counts.get(outcome) ? (
            <span className="text-slate-400">{counts.get(outcome)}</span>
          ) : null}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="inline-block w-5 border-t border-dashed border-orange-500" />
        Catch
      </li>
    </ul>
  );
}
